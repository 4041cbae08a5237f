package org.pbsj.core.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.testutil.TestBackups.backup;
import static org.pbsj.core.testutil.TestBackups.chunk;
import static org.pbsj.core.testutil.TestBackups.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.job.CollectingLog;
import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.store.ChunkStoreLock;
import org.pbsj.core.store.LockedException;
import org.pbsj.core.store.SyncLevel;

/**
 * GC over real snapshots. Time is shifted by clocks, not by waiting: GC's clock gives T0, the
 * store's clock stamps writer locks, and the atime of chunks that should look old is set back.
 */
class GarbageCollectorTest {
    private static final String UPID = "UPID:node:00000001:00000001:00000000:66000000:garbage_collection:s:root@pam:";
    /** "Now" of the run: real time (marking touches with the real time), taken once. */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Clock gcClock = Clock.fixed(now, ZoneOffset.UTC);

    @TempDir
    Path tmp;
    Datastore store;

    private Datastore open(Instant storeTime) throws IOException {
        Files.createDirectories(tmp.resolve("store/.chunks"));
        store = Datastore.open("store1", tmp.resolve("store"),
                new DatastoreOptions(SyncLevel.NONE, Clock.fixed(storeTime, ZoneOffset.UTC), tmp.resolve("locks")));
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Path file(byte[] plain) {
        return store.chunkStore().chunkPath(digest(plain));
    }

    private void insertOrphan(byte[] plain) {
        store.chunkStore().insert(digest(plain), DataBlobCodec.encode(plain, null, true).raw());
    }

    private static void setAtime(Path p, Instant t) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(null, FileTime.from(t), null);
    }

    private void ageAllChunks(Duration age) throws IOException {
        try (var files = Files.walk(tmp.resolve("store/.chunks"))) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                setAtime(p, now.minus(age));
            }
        }
    }

    private GcStatus gc(CollectingLog log) {
        return new GarbageCollector(store, gcClock, log, () -> false).run(UPID);
    }

    @Test
    void keepsReferencedRemovesOldGarbageCountsPendingAndInUse() throws IOException {
        open(now);
        backup(store, gcClock, "host/a/2024-01-01T00:00:00Z", chunk(1), chunk(2));
        backup(store, gcClock, "ns/n1/vm/100/2024-01-01T00:00:00Z", chunk(2), chunk(3), chunk(2));
        insertOrphan(chunk(4));
        insertOrphan(chunk(5));
        insertOrphan(chunk(6));
        ageAllChunks(Duration.ofDays(2));
        setAtime(file(chunk(5)), now);                       // uploaded just now: in use
        setAtime(file(chunk(6)), now.minus(Duration.ofHours(1))); // younger than the cutoff: pending

        CollectingLog log = new CollectingLog();
        GcStatus s = gc(log);

        assertTrue(Files.exists(file(chunk(1))) && Files.exists(file(chunk(2))) && Files.exists(file(chunk(3))));
        assertFalse(Files.exists(file(chunk(4))));
        assertTrue(Files.exists(file(chunk(5))) && Files.exists(file(chunk(6))));
        assertEquals(2, s.indexFileCount());
        assertEquals(chunk(1).length + chunk(2).length + 2L * chunk(2).length + chunk(3).length, s.indexDataBytes());
        assertEquals(1, s.removedChunks());
        assertEquals(1, s.pendingChunks());
        assertEquals(4, s.diskChunks());
        assertEquals(0, s.removedBad());
        assertTrue(s.removedBytes() > 0 && s.pendingBytes() > 0 && s.diskBytes() > 0);
        assertEquals(UPID, s.upid());
        assertEquals(s, store.readGcStatus());
        assertTrue(log.contains("marked 100% (2 of 2 index files)"), log.lines.toString());
        assertTrue(log.contains("Removed chunks: 1"));
        assertEquals(0, log.warnings());
    }

    @Test
    void activeWriterProtectsEverythingYoungerThanItsStart() throws IOException {
        Instant writerStart = now.minus(Duration.ofDays(3));
        open(writerStart); // the store's clock stamps the shared lock
        insertOrphan(chunk(1));
        insertOrphan(chunk(2));
        setAtime(file(chunk(1)), now.minus(Duration.ofDays(2)));            // newer than the writer
        setAtime(file(chunk(2)), writerStart.minus(Duration.ofSeconds(100))); // within the 5 min gap

        try (ChunkStoreLock.Guard writer = store.chunkStore().lockShared()) {
            GcStatus s = gc(new CollectingLog());
            assertTrue(Files.exists(file(chunk(1))) && Files.exists(file(chunk(2))));
            assertEquals(0, s.removedChunks());
            assertEquals(1, s.pendingChunks());
            assertEquals(1, s.diskChunks());
        }
        GcStatus after = gc(new CollectingLog());
        assertEquals(2, after.removedChunks());
        assertFalse(Files.exists(file(chunk(1))) || Files.exists(file(chunk(2))));
    }

    @Test
    void cutoffIsTwentyFourHoursAndFiveMinutesOrOldestWriter() {
        assertEquals(1_000_000 - 86_400 - 300, GarbageCollector.cutoff(1_000_000, 1_000_000));
        assertEquals(500_000 - 300, GarbageCollector.cutoff(1_000_000, 500_000));
    }

    @Test
    void badCopiesOfMissingReferencedChunksSurviveOthersGo() throws IOException {
        open(now);
        backup(store, gcClock, "host/a/2024-01-01T00:00:00Z", chunk(1), chunk(2));
        store.chunkStore().markBad(digest(chunk(1)));   // verify found chunk 1 corrupt: only a .bad copy left
        insertOrphan(chunk(3));
        store.chunkStore().markBad(digest(chunk(3)));   // an unreferenced bad copy
        ageAllChunks(Duration.ofDays(2));
        Path bad1 = file(chunk(1)).resolveSibling(file(chunk(1)).getFileName() + ".0.bad");
        Path bad3 = file(chunk(3)).resolveSibling(file(chunk(3)).getFileName() + ".0.bad");

        CollectingLog log = new CollectingLog();
        GcStatus s = gc(log);

        assertTrue(Files.exists(bad1));
        assertFalse(Files.exists(bad3));
        assertEquals(1, s.removedBad());
        assertEquals(1, s.diskChunks()); // chunk 2; the kept bad copy adds bytes, not a chunk
        assertEquals(1, log.warnings());
        assertTrue(log.contains("unable to access non-existent chunk " + org.pbsj.core.store.ChunkStore.hex(digest(chunk(1)))));
    }

    @Test
    void secondRunWhileOneHoldsTheStoreIsRefused() throws IOException {
        open(now);
        try (ChunkStoreLock.Guard running = store.chunkStore().lockExclusive()) {
            LockedException e = assertThrows(LockedException.class, () -> gc(new CollectingLog()));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
        }
    }

    @Test
    void abortStopsWithoutWritingStatus() throws IOException {
        open(now);
        backup(store, gcClock, "host/a/2024-01-01T00:00:00Z", chunk(1));
        assertThrows(JobAbortedException.class,
                () -> new GarbageCollector(store, gcClock, new CollectingLog(), () -> true).run(UPID));
        assertFalse(Files.exists(tmp.resolve("store/.gc-status")));
        gc(new CollectingLog()); // the lock was released
    }

    @Test
    void ignoresHiddenAndTemporaryIndexesButMarksStrayOnes() throws IOException {
        open(now);
        backup(store, gcClock, "host/a/2024-01-01T00:00:00Z", chunk(1));
        Path idx = tmp.resolve("store/host/a/2024-01-01T00:00:00Z/root.pxar.didx");
        Files.createDirectories(tmp.resolve("store/.hidden"));
        Files.copy(idx, tmp.resolve("store/.hidden/x.didx"));
        Files.copy(idx, tmp.resolve("store/host/a/2024-01-01T00:00:00Z/y.tmp_didx"));
        Files.createDirectories(tmp.resolve("store/stray"));
        Files.copy(idx, tmp.resolve("store/stray/z.didx"));
        CollectingLog log = new CollectingLog();
        GcStatus s = gc(log);
        assertEquals(2, s.indexFileCount());
        assertTrue(log.contains("found (and marked) 1 index files outside of expected directory scheme"));
    }

    @Test
    void aRunResumedFromAnyCheckpointEndsLikeAnUninterruptedRun() throws IOException {
        open(now);
        for (int i = 0; i < 6; i++) {
            backup(store, gcClock, "host/h" + i + "/2024-01-01T00:00:00Z", chunk(10 * i), chunk(10 * i + 1), chunk(999));
        }
        for (int i = 0; i < 40; i++) {
            insertOrphan(chunk(1000 + i));
        }
        java.util.List<Path> all;
        try (var files = Files.walk(tmp.resolve("store/.chunks"))) {
            all = files.filter(Files::isRegularFile).toList();
        }
        // expected: what one run leaves, on a copy of the same store
        Path copy = tmp.resolve("copy");
        try (var files = Files.walk(tmp.resolve("store"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = copy.resolve(tmp.resolve("store").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                    if (p.startsWith(tmp.resolve("store/.chunks"))) {
                        setAtime(t, now.minus(Duration.ofDays(2)));
                    }
                }
            }
        }
        ageAllChunks(Duration.ofDays(2)); // after copying: reading a file may update its atime
        GcStatus expected;
        try (Datastore other = Datastore.open("copy", copy, new DatastoreOptions(SyncLevel.NONE,
                Clock.fixed(now, ZoneOffset.UTC), tmp.resolve("locks2")))) {
            expected = new GarbageCollector(other, gcClock, new CollectingLog(), () -> false).run(UPID);
        }
        assertEquals(40, expected.removedChunks());

        // interrupted after 4 index files, then again in the middle of the sweep
        GcCheckpoint cp;
        try (GcRun run = GcRun.start(store, gcClock, new CollectingLog(), () -> false, null)) {
            for (int i = 0; i < 4; i++) {
                assertTrue(run.step());
            }
            cp = run.checkpoint();
        }
        assertFalse(cp.sweeping());
        Clock later = Clock.fixed(now.plusSeconds(3600), ZoneOffset.UTC);
        try (GcRun run = GcRun.start(store, later, new CollectingLog(), () -> false, cp)) {
            while (!run.checkpoint().sweeping() || run.checkpoint().nextPrefix() < 30_000) {
                assertTrue(run.step());
            }
            cp = run.checkpoint();
        }
        CollectingLog log = new CollectingLog();
        GcStatus resumed;
        try (GcRun run = GcRun.start(store, later, log, () -> false, cp)) {
            while (run.step()) {
                // to the end
            }
            resumed = run.finish(UPID);
        }
        assertTrue(log.contains("Resume GC phase2 (sweep unused chunks) at prefix directory 30000"), log.lines.toString());
        assertEquals(expected, resumed);
        for (Path p : all) {
            assertEquals(Files.exists(copy.resolve(tmp.resolve("store").relativize(p).toString())), Files.exists(p), p.toString());
        }
    }
}
