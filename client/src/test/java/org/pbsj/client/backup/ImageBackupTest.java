package org.pbsj.client.backup;

import org.pbsj.core.client.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.manifest.BackupManifest;

/** Image (fixed index) backups through pbs-client on a local datastore. */
class ImageBackupTest {
    static final int MIB4 = 4 * 1024 * 1024;

    @TempDir
    Path tmp;
    CliFixture cli;
    Path image;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(tmp);
        image = tmp.resolve("disk.raw");
        // 5 chunks + a tail: chunk 0 data, 1 a hole, 2 written zeros, 3 data with a hole inside, 4 hole, tail data
        long size = 5L * MIB4 + 12345;
        Random r = new Random(7);
        try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(0);
            raf.write(random(r, MIB4));
            raf.seek(2L * MIB4);
            raf.write(new byte[MIB4]);
            raf.seek(3L * MIB4);
            raf.write(random(r, 1 << 20));
            raf.seek(3L * MIB4 + (3 << 20));
            raf.write(random(r, 1 << 20));
            raf.seek(5L * MIB4);
            raf.write(random(r, 12345));
        }
    }

    static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Test
    void roundTripKeepsContentAndSparseness() throws Exception {
        cli.ok("backup", "disk.img:" + image, "--backup-id", "vm1", "--backup-time", "1700000000");
        String snap = "host/vm1/2023-11-14T22:13:20Z";
        BackupManifest m = cli.manifest(snap);
        assertEquals(Files.size(image), m.requireFile("disk.img.fidx").size());
        // zero chunks (1, 2, 4) share one chunk file
        Map<?, ?> stats = (Map<?, ?>) m.unprotected().get("chunk_upload_stats");
        assertEquals(4L, stats.get("count"));

        Path restored = tmp.resolve("restored.raw");
        cli.ok("restore", snap, "disk.img", restored.toString());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(restored));
        long orig = CliFixture.allocatedBlocks(image);
        long back = CliFixture.allocatedBlocks(restored);
        // the restored file has holes where the original had written zeros too
        assertTrue(back < orig, "restored " + back + " blocks, original " + orig);
        assertTrue(back <= (3L * MIB4 + 12345) / 512 + 64, "restored file is not sparse: " + back + " blocks");
    }

    @Test
    void unchangedImageUploadsNothingTheSecondTime() throws Exception {
        cli.ok("backup", "disk.img:" + image, "--backup-id", "vm1", "--backup-time", "1700000000");
        long chunks = cli.chunkFiles();
        cli.ok("backup", "disk.img:" + image, "--backup-id", "vm1", "--backup-time", "1700000100");
        assertEquals(chunks, cli.chunkFiles());
        BackupManifest second = cli.manifest("host/vm1/2023-11-14T22:15:00Z");
        Map<?, ?> stats = (Map<?, ?>) second.unprotected().get("chunk_upload_stats");
        assertEquals(0L, stats.get("count"));
        assertArrayEquals(cli.manifest("host/vm1/2023-11-14T22:13:20Z").requireFile("disk.img.fidx").csum(),
                second.requireFile("disk.img.fidx").csum());

        // change one chunk: exactly one new chunk, and the newest snapshot restores the new content
        try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
            raf.seek(4L * MIB4 + 100);
            raf.write(new byte[] {1, 2, 3});
        }
        cli.ok("backup", "disk.img:" + image, "--backup-id", "vm1", "--backup-time", "1700000200");
        assertEquals(chunks + 1, cli.chunkFiles());
        Path restored = tmp.resolve("r3.raw");
        cli.ok("restore", "host/vm1", "disk.img", restored.toString());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(restored));
    }

    @Test
    void restoreRefusesToOverwriteAFile() throws Exception {
        cli.ok("backup", "disk.img:" + image, "--backup-id", "vm1", "--backup-time", "1700000000");
        Path existing = Files.writeString(tmp.resolve("exists"), "keep me");
        assertNotEquals(0, cli.run("restore", "host/vm1/2023-11-14T22:13:20Z", "disk.img", existing.toString()));
        assertEquals("keep me", Files.readString(existing));
    }

    @Test
    void blobsRoundTripToFileAndStdout() throws Exception {
        Path conf = Files.writeString(tmp.resolve("vm.conf"), "memory: 2048\ncores: 2\n");
        Path small = tmp.resolve("small.raw");
        Files.write(small, random(new Random(1), 5000));
        cli.ok("backup", "qemu-server.conf:" + conf, "small.img:" + small, "--backup-type", "vm", "--backup-id", "100",
                "--backup-time", "1700000000");
        String snap = "vm/100/2023-11-14T22:13:20Z";
        assertTrue(Files.exists(cli.snapshotDir(snap).resolve("qemu-server.conf.blob")));
        cli.ok("restore", snap, "qemu-server.conf", tmp.resolve("out.conf").toString());
        assertEquals("memory: 2048\ncores: 2\n", Files.readString(tmp.resolve("out.conf")));
        String stdout = cli.ok("restore", snap, "qemu-server.conf", "-");
        assertEquals("memory: 2048\ncores: 2\n", stdout);
        String manifest = cli.ok("restore", snap, "index.json", "-");
        assertTrue(manifest.contains("\"backup-id\": \"100\""), manifest);
        assertFalse(cli.ok("snapshot", "files", snap, "--output-format", "json").isEmpty());
    }
}
