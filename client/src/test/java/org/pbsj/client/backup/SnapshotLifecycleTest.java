package org.pbsj.client.backup;

import org.pbsj.core.client.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.store.SyncLevel;

/** Interrupted backups and the snapshot commands (list, files, forget, notes, protected). */
class SnapshotLifecycleTest {
    @TempDir
    Path tmp;
    CliFixture cli;
    Path image;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(tmp);
        byte[] b = new byte[13 * 1024 * 1024];
        new Random(5).nextBytes(b);
        image = Files.write(tmp.resolve("disk.raw"), b);
    }

    /** A target that fails on the n-th chunk upload, like a connection dropping mid-backup. */
    static final class FailingTarget implements BackupTarget {
        final BackupTarget inner;
        final AtomicInteger uploads = new AtomicInteger();
        final int failAt;

        FailingTarget(BackupTarget inner, int failAt) {
            this.inner = inner;
            this.failAt = failAt;
        }

        public BackupDir snapshot() { return inner.snapshot(); }
        public Optional<Long> previousBackupTime() { return inner.previousBackupTime(); }
        public byte[] downloadPrevious(String n) { return inner.downloadPrevious(n); }
        public int createDynamicIndex(String n) { return inner.createDynamicIndex(n); }
        public int createFixedIndex(String n, long s, String c) { return inner.createFixedIndex(n, s, c); }

        public void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] blob) {
            if (uploads.incrementAndGet() == failAt) {
                throw new IllegalStateException("connection lost");
            }
            inner.uploadChunk(fixed, wid, digest, size, blob);
        }

        public void append(boolean f, int w, List<byte[]> d, List<Long> o) { inner.append(f, w, d, o); }
        public void closeIndex(boolean f, int w, long c, long s, byte[] cs) { inner.closeIndex(f, w, c, s, cs); }
        public void uploadBlob(String n, byte[] b) { inner.uploadBlob(n, b); }
        public void finish() { inner.finish(); }
        public void close() { inner.close(); }
    }

    @Test
    void interruptedBackupLeavesNoSnapshotAndTheNextOneWorks() throws Exception {
        BackupDir dir = new BackupGroup(org.pbsj.core.datastore.BackupNamespace.ROOT, BackupType.HOST, "h1").snapshot(1700000000);
        try (LocalRepository repo = LocalRepository.open(cli.store, Clock.systemUTC(), SyncLevel.NONE)) {
            BackupJob.Options o = new BackupJob.Options(List.of(BackupSpec.parse("disk.img:" + image)), CryptSetup.NONE,
                    null, 2, 8L << 20);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                try (FailingTarget t = new FailingTarget(repo.startBackup(dir), 2)) {
                    BackupJob.run(t, o, Progress.silent(), new PrintStream(java.io.OutputStream.nullOutputStream()));
                }
            });
            assertEquals("connection lost", e.getMessage());
            assertFalse(Files.exists(repo.datastore().snapshotPath(dir)));
            assertTrue(repo.datastore().listSnapshots(dir.group()).isEmpty());
        }
        // a later backup (same time even) does not trip over anything
        cli.ok("backup", "disk.img:" + image, "--backup-id", "h1", "--backup-time", "1700000000");
        assertTrue(cli.ok("snapshot", "list").contains("host/h1/2023-11-14T22:13:20Z"));
    }

    @Test
    void failingSpecAbortsTheWholeBackup() throws Exception {
        Path conf = Files.writeString(tmp.resolve("a.conf"), "x=1\n");
        assertEquals(1, cli.run("backup", "a.conf:" + conf, "disk.img:" + tmp.resolve("missing.raw"),
                "--backup-id", "h2", "--backup-time", "1700000000"));
        assertTrue(cli.err().contains("missing.raw"), cli.err());
        assertFalse(Files.exists(cli.store.resolve("host/h2/2023-11-14T22:13:20Z")));
    }

    @Test
    void snapshotCommands() throws Exception {
        cli.ok("backup", "disk.img:" + image, "--backup-id", "h3", "--backup-time", "1700000000");
        cli.ok("backup", "disk.img:" + image, "--backup-id", "h3", "--backup-time", "1700000060");
        String snap = "host/h3/2023-11-14T22:13:20Z";

        String groups = cli.ok("list", "--output-format", "json");
        assertTrue(groups.contains("\"backup-count\":2") && groups.contains("\"backup-id\":\"h3\""), groups);
        assertTrue(cli.ok("list").contains("host/h3"));
        assertTrue(cli.ok("snapshot", "list", "host/h3").contains(snap));
        String files = cli.ok("snapshot", "files", snap, "--output-format", "json");
        assertTrue(files.contains("disk.img.fidx") && files.contains("index.json.blob"), files);

        cli.ok("snapshot", "notes", "update", snap, "first line\nsecond");
        assertEquals("first line\nsecond\n", cli.ok("snapshot", "notes", "show", snap));
        assertTrue(cli.ok("snapshot", "list", "--output-format", "json").contains("\"comment\":\"first line\""));

        assertEquals("false\n", cli.ok("snapshot", "protected", "show", snap));
        cli.ok("snapshot", "protected", "update", snap, "true");
        assertEquals("true\n", cli.ok("snapshot", "protected", "show", snap));
        assertEquals(1, cli.run("snapshot", "forget", snap));
        assertTrue(cli.err().toLowerCase().contains("protected"), cli.err());

        cli.ok("snapshot", "protected", "update", snap, "false");
        cli.ok("snapshot", "forget", snap);
        assertFalse(cli.ok("snapshot", "list").contains(snap));
        assertTrue(cli.ok("status").contains("total:"));
        assertTrue(cli.ok("benchmark", "--seconds", "0", "--output-format", "json").contains("sha256"));
    }

    @Test
    void remoteRepositoryIsRefusedClearly() {
        cli.env.put("PBS_REPOSITORY", "root@pam@localhost:store1");
        assertEquals(1, cli.run("list"));
        assertTrue(cli.err().contains("only local datastore paths"), cli.err());
    }
}
