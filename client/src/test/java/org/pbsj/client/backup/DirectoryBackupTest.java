package org.pbsj.client.backup;

import org.pbsj.core.client.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.manifest.BackupManifest;

/** Directory (pxar) backups with catalog, exclusion, split archives and restore patterns. */
class DirectoryBackupTest {
    static final String SNAP = "host/files/2023-11-14T22:13:20Z";

    @TempDir
    Path tmp;
    CliFixture cli;
    Path src;
    byte[] big;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(tmp);
        src = Files.createDirectories(tmp.resolve("src"));
        Files.createDirectories(src.resolve("etc/conf.d"));
        Files.createDirectories(src.resolve("empty"));
        Files.createDirectories(src.resolve("cache"));
        Files.writeString(src.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        Files.writeString(src.resolve("etc/conf.d/a.conf"), "a=1\n");
        Files.writeString(src.resolve("cache/junk.tmp"), "junk");
        Files.writeString(src.resolve("notes.tmp"), "temporary");
        big = new byte[6 * 1024 * 1024 + 5];
        new Random(11).nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        Files.createSymbolicLink(src.resolve("link"), Path.of("etc/hosts"));
    }

    private void backup(String... extra) {
        String[] base = {"backup", "root.pxar:" + src, "--backup-id", "files", "--backup-time", "1700000000"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        cli.ok(all);
    }

    @Test
    void roundTripWithCatalog() throws Exception {
        backup();
        BackupManifest m = cli.manifest(SNAP);
        assertTrue(m.lookupFile("root.pxar.didx").isPresent());
        assertTrue(m.lookupFile("catalog.pcat1.didx").isPresent());

        Path out = tmp.resolve("out");
        cli.ok("restore", SNAP, "root.pxar", out.toString());
        assertArrayEquals(big, Files.readAllBytes(out.resolve("big.bin")));
        assertEquals("127.0.0.1 localhost\n", Files.readString(out.resolve("etc/hosts")));
        assertEquals("a=1\n", Files.readString(out.resolve("etc/conf.d/a.conf")));
        assertTrue(Files.isDirectory(out.resolve("empty")));
        assertEquals(Path.of("etc/hosts"), Files.readSymbolicLink(out.resolve("link")));

        String dump = cli.ok("catalog", "dump", SNAP);
        assertTrue(dump.contains("d \"./root.pxar.didx\""), dump);
        assertTrue(dump.contains("f \"./root.pxar.didx/etc/hosts\" 20 "), dump);
        assertTrue(dump.contains("l \"./root.pxar.didx/link\""), dump);
    }

    @Test
    void unchangedTreeUploadsNoNewChunks() throws Exception {
        backup();
        long chunks = cli.chunkFiles();
        cli.ok("backup", "root.pxar:" + src, "--backup-id", "files", "--backup-time", "1700000100");
        assertEquals(chunks, cli.chunkFiles());
    }

    @Test
    void excludedEntriesAreNotStored() throws Exception {
        backup("--exclude", "*.tmp", "--exclude", "/cache");
        Path out = tmp.resolve("out");
        cli.ok("restore", SNAP, "root.pxar", out.toString());
        assertFalse(Files.exists(out.resolve("notes.tmp")));
        assertFalse(Files.exists(out.resolve("cache")));
        assertTrue(Files.exists(out.resolve("etc/hosts")));
    }

    @Test
    void restorePatternSelectsASubtree() throws Exception {
        backup();
        Path out = tmp.resolve("out");
        cli.ok("restore", SNAP, "root.pxar", out.toString(), "--pattern", "/etc/conf.d");
        assertTrue(Files.exists(out.resolve("etc/conf.d/a.conf")));
        assertFalse(Files.exists(out.resolve("big.bin")));
        assertFalse(Files.exists(out.resolve("etc/hosts")));
    }

    @Test
    void dataModeWritesSplitArchives() throws Exception {
        backup("--change-detection-mode", "data");
        BackupManifest m = cli.manifest(SNAP);
        assertTrue(m.lookupFile("root.mpxar.didx").isPresent());
        assertTrue(m.lookupFile("root.ppxar.didx").isPresent());
        assertFalse(m.lookupFile("catalog.pcat1.didx").isPresent());
        Path out = tmp.resolve("out");
        cli.ok("restore", SNAP, "root.pxar", out.toString());
        assertArrayEquals(big, Files.readAllBytes(out.resolve("big.bin")));
        assertEquals("a=1\n", Files.readString(out.resolve("etc/conf.d/a.conf")));
    }

    @Test
    void encryptedDirectoryBackup() throws Exception {
        Path key = EncryptedBackupTest.writeKey(tmp.resolve("k.json"), "pass-word");
        cli.env.put("PBS_ENCRYPTION_PASSWORD", "pass-word");
        backup("--keyfile", key.toString());
        Path out = tmp.resolve("out");
        cli.ok("restore", SNAP, "root.pxar", out.toString(), "--keyfile", key.toString());
        assertArrayEquals(big, Files.readAllBytes(out.resolve("big.bin")));
        assertTrue(cli.ok("catalog", "dump", SNAP, "--keyfile", key.toString()).contains("big.bin"));
    }
}
