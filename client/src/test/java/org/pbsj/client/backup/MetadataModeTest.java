package org.pbsj.client.backup;

import org.pbsj.core.client.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.manifest.BackupManifest;

/** {@code --change-detection-mode metadata}: unchanged files are referenced, not read (pxar-format.md §9.3). */
class MetadataModeTest {
    private static final Pattern READ = Pattern.compile("(\\d+) changed or non-reusable files");
    private static final Pattern REUSED = Pattern.compile("(\\d+) unchanged, reusable files");

    @TempDir
    Path tmp;
    CliFixture cli;
    Path src;
    long time = 1_700_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(tmp);
        src = Files.createDirectories(tmp.resolve("src"));
        Random r = new Random(7);
        Files.createDirectories(src.resolve("etc/conf.d"));
        Files.createDirectories(src.resolve("empty"));
        Files.writeString(src.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        Files.writeString(src.resolve("etc/conf.d/a.conf"), "a=1\n");
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[r.nextInt(200_000)];
            r.nextBytes(b);
            Files.write(src.resolve("etc/f" + i + ".bin"), b);
        }
        byte[] big = new byte[6 * 1024 * 1024 + 5];
        r.nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        Files.createFile(src.resolve("empty.txt"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("etc/hosts"));
        Files.writeString(src.resolve("zz.log"), "first line\n");
    }

    /** Backs up in metadata mode; returns {files read, files reused}. */
    private long[] backup(String... extra) {
        time += 100;
        String[] base = {"backup", "root.pxar:" + src, "--backup-id", "files", "--backup-time", Long.toString(time),
            "--change-detection-mode", "metadata"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        cli.ok(all);
        String log = cli.err();
        return new long[] {count(READ, log), count(REUSED, log)};
    }

    private String snapshot() {
        return "host/files/" + org.pbsj.core.datastore.BackupTime.format(time);
    }

    private static long count(Pattern p, String log) {
        Matcher m = p.matcher(log);
        assertTrue(m.find(), log);
        return Long.parseLong(m.group(1));
    }

    @Test
    void unchangedTreeReadsNoFileAndUploadsNoChunk() throws Exception {
        long[] first = backup();
        assertEquals(45, first[0]);
        assertEquals(0, first[1]);
        BackupManifest m = cli.manifest(snapshot());
        assertTrue(m.lookupFile("root.mpxar.didx").isPresent());
        assertTrue(m.lookupFile("root.ppxar.didx").isPresent());
        assertFalse(m.lookupFile("catalog.pcat1.didx").isPresent());
        long chunks = cli.chunkFiles();

        long[] second = backup();
        assertTrue(cli.err().contains("Using previous index as metadata reference for 'root.mpxar.didx'"), cli.err());
        assertEquals(0, second[0], cli.err());
        assertEquals(45, second[1]);
        assertTrue(cli.err().contains("root.ppxar: had to backup 0 B of"), cli.err());
        // reused entries have metadata-only goodbye sizes (§6), so this .mpxar differs once from the first
        assertEquals(chunks + 1, cli.chunkFiles(), cli.err());
        assertRestoresSource();

        chunks = cli.chunkFiles();
        long[] third = backup();
        assertEquals(0, third[0]);
        assertEquals(chunks, cli.chunkFiles(), "neither payload nor metadata chunks are new: " + cli.err());
        assertRestoresSource();
    }

    @Test
    void changedFileIsTheOnlyOneRead() throws Exception {
        backup();
        Files.writeString(src.resolve("zz.log"), "first line\nsecond line\n");
        long[] second = backup();
        assertEquals(1, second[0], cli.err());
        assertEquals(44, second[1]);
        assertRestoresSource();
    }

    @Test
    void restoreIsIdenticalOverGenerations() throws Exception {
        Random r = new Random(3);
        backup();
        long reused = 0;
        for (int gen = 0; gen < 5; gen++) {
            int victim = r.nextInt(40);
            Path f = src.resolve("etc/f" + victim + ".bin");
            switch (gen % 3) {
                case 0 -> Files.write(f, new byte[] {1, 2, 3});
                case 1 -> Files.deleteIfExists(f);
                default -> {
                    byte[] b = new byte[300_000];
                    r.nextBytes(b);
                    Files.write(src.resolve("etc/new" + gen + ".bin"), b);
                }
            }
            Files.setLastModifiedTime(src.resolve("zz.log"), FileTime.fromMillis(1_600_000_000_000L + gen));
            long[] counts = backup();
            reused += counts[1];
            assertRestoresSource();
        }
        // this small tree is one or two payload chunks: a change in the middle makes the padding rule
        // re-read its neighbours; the generations that only touch directory metadata reuse everything
        assertTrue(reused > 0);
    }

    @Test
    void encryptedMetadataMode() throws Exception {
        Path key = EncryptedBackupTest.writeKey(tmp.resolve("k.json"), "pass-word");
        cli.env.put("PBS_ENCRYPTION_PASSWORD", "pass-word");
        backup("--keyfile", key.toString());
        long[] second = backup("--keyfile", key.toString());
        assertEquals(0, second[0], cli.err());
        assertTrue(cli.err().contains("root.ppxar: had to backup 0 B of"), cli.err());
        Path out = tmp.resolve("out-enc");
        cli.ok("restore", snapshot(), "root.pxar", out.toString(), "--keyfile", key.toString());
        assertEquals(tree(src), tree(out));
    }

    @Test
    void withoutPreviousSplitArchiveEveryFileIsRead() throws Exception {
        time += 100;
        cli.ok("backup", "root.pxar:" + src, "--backup-id", "files", "--backup-time", Long.toString(time));
        long[] counts = backup();
        assertTrue(cli.err().contains("No previous split archive"), cli.err());
        assertEquals(45, counts[0]);
        assertRestoresSource();
    }

    private void assertRestoresSource() throws IOException {
        Path out = tmp.resolve("out-" + time);
        cli.ok("restore", snapshot(), "root.pxar", out.toString());
        assertEquals(tree(src), tree(out));
    }

    /** Relative path → type, content (hex hash), symlink target and mtime of every entry. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                String v;
                if (Files.isSymbolicLink(p)) {
                    v = "l " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p)) {
                    v = "d";
                } else {
                    v = "f " + java.util.Arrays.hashCode(Files.readAllBytes(p)) + " "
                            + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
                }
                m.put(rel, v);
            }
        }
        return m;
    }

    @Test
    void treeHelperSeesContent() throws Exception {
        Map<String, String> before = tree(src);
        Files.write(src.resolve("etc/hosts"), new byte[] {9});
        assertFalse(before.equals(tree(src)));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(src.resolve("etc/hosts")));
    }
}
