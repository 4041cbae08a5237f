package org.pbsj.core.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.store.SyncLevel;

class PathBackupTest {
    @TempDir
    Path tmp;
    Datastore store;
    Path src;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final JobLog log = new JobLog() {
        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(tmp.resolve("store/.chunks"));
        store = Datastore.open("store1", tmp.resolve("store"),
                new DatastoreOptions(SyncLevel.NONE, Clock.systemUTC(), tmp.resolve("locks")));
        src = Files.createDirectories(tmp.resolve("srv/data"));
        Files.writeString(src.resolve("a.txt"), "hello");
        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("sub/skip.tmp"), "excluded");
        byte[] image = new byte[5 << 20];
        new Random(2).nextBytes(image);
        Files.write(tmp.resolve("srv/disk.raw"), image);
    }

    private PathBackup.Plan plan(long time, String mode) {
        BackupDir dir = new BackupDir(BackupGroup.parse("host/srv1"), time);
        return new PathBackup.Plan(dir, "root@pam", PathBackup.parseSources(List.of("data.pxar:" + src,
                "disk.img:" + tmp.resolve("srv/disk.raw"))), List.of("*.tmp"), mode);
    }

    @Test
    void backsUpADirectoryAndAnImageThatRestoreToTheSameContent() throws Exception {
        BackupJob.Result r = PathBackup.run(store, plan(1700000000, "legacy"), Clock.systemUTC(), log, () -> false);
        assertEquals(new BackupDir(BackupGroup.parse("host/srv1"), 1700000000), r.snapshot());
        assertTrue(store.lastFinishedSnapshot(BackupGroup.parse("host/srv1")).isPresent());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Upload directory")), lines.toString());
        try (Restorer restorer = new Restorer(LocalRestoreSource.open(store, r.snapshot()), null, 2, Progress.silent())) {
            Path out = tmp.resolve("restored");
            restorer.extractDirectory("data.pxar.didx", out, List.of(), false, (p, m) -> { });
            assertEquals("hello", Files.readString(out.resolve("a.txt")));
            assertArrayEquals(Files.readAllBytes(src.resolve("big.bin")), Files.readAllBytes(out.resolve("big.bin")));
            assertFalse(Files.exists(out.resolve("sub/skip.tmp")), "excluded by *.tmp");
            ByteArrayOutputStream image = new ByteArrayOutputStream();
            restorer.restoreFile("disk.img.fidx", null, image);
            assertArrayEquals(Files.readAllBytes(tmp.resolve("srv/disk.raw")), image.toByteArray());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aSecondRunReusesTheChunksOfTheFirst() throws Exception {
        PathBackup.run(store, plan(1700000000, "metadata"), Clock.systemUTC(), log, () -> false);
        BackupJob.Result second = PathBackup.run(store, plan(1700000100, "metadata"), Clock.systemUTC(), log,
                () -> false);
        long uploaded = second.archives().stream().mapToLong(ArchiveStats::uploadedChunks).sum();
        long chunks = second.archives().stream().mapToLong(ArchiveStats::chunks).sum();
        assertTrue(chunks > 0);
        assertTrue(uploaded <= 2, "only the small metadata archive changes: " + uploaded + " of " + chunks);
    }

    @Test
    void anAbortedRunLeavesNoSnapshot() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(JobAbortedException.class, () -> PathBackup.run(store, plan(1700000000, "legacy"),
                Clock.systemUTC(), log, () -> calls.incrementAndGet() > 3));
        assertTrue(store.lastFinishedSnapshot(BackupGroup.parse("host/srv1")).isEmpty());
        assertFalse(Files.exists(tmp.resolve("store/host/srv1/2023-11-14T22:13:20Z")));
    }

    @Test
    void aMissingSourceFailsBeforeAnythingIsWritten() {
        BackupDir dir = new BackupDir(BackupGroup.parse("host/srv1"), 1700000000);
        PathBackup.Plan p = new PathBackup.Plan(dir, "root@pam",
                PathBackup.parseSources(List.of("x.pxar:" + tmp.resolve("nothing"))), List.of(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PathBackup.run(store, p, Clock.systemUTC(), log, () -> false));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("store/host")));
    }

    @Test
    void sourcesMustBeAbsoluteUniqueAndWellFormed() {
        assertThrows(IllegalArgumentException.class, () -> PathBackup.parseSources(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PathBackup.parseSources(List.of("a.pxar:rel/dir")));
        assertThrows(IllegalArgumentException.class, () -> PathBackup.parseSources(List.of("a.pxar:/x", "a.pxar:/y")));
        assertThrows(IllegalArgumentException.class, () -> PathBackup.parseSources(List.of("a.zip:/x")));
    }
}
