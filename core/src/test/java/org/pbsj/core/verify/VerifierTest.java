package org.pbsj.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.testutil.TestBackups.backup;
import static org.pbsj.core.testutil.TestBackups.chunk;
import static org.pbsj.core.testutil.TestBackups.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.datastore.SnapshotManifests;
import org.pbsj.core.job.CollectingLog;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.store.SyncLevel;
import org.pbsj.core.task.Upid;

class VerifierTest {
    private static final Instant T = Instant.parse("2024-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
    private static final String UPID = new Upid("node", 1, 1, 0, T.getEpochSecond(), "verify", "store1", "root@pam")
            .toString();

    @TempDir
    Path tmp;
    Datastore store;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    BackupDir older;
    BackupDir newer;

    @BeforeEach
    void open() throws IOException {
        Files.createDirectories(tmp.resolve("store/.chunks"));
        store = Datastore.open("store1", tmp.resolve("store"),
                new DatastoreOptions(SyncLevel.NONE, CLOCK, tmp.resolve("locks")));
        older = backup(store, CLOCK, "vm/100/2024-01-01T00:00:00Z", chunk(1), chunk(2), chunk(3));
        newer = backup(store, CLOCK, "vm/100/2024-01-02T00:00:00Z", chunk(2), chunk(3), chunk(4));
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    private Verifier verifier(Verifier.Options o, Clock clock, CollectingLog log) {
        return new Verifier(store, o, UPID, clock, log, () -> false, pool, 2);
    }

    private Map<?, ?> verifyState(BackupDir d) {
        BackupManifest m = SnapshotManifests.load(store, d).manifest();
        return (Map<?, ?>) m.unprotected().get(BackupManifest.VERIFY_STATE);
    }

    private Path chunkFile(int seed) {
        return store.chunkStore().chunkPath(digest(chunk(seed)));
    }

    @Test
    void goodSnapshotsAreVerifiedOnceAndMarkedOk() {
        CollectingLog log = new CollectingLog();
        Verifier v = verifier(Verifier.Options.DEFAULT, CLOCK, log);
        List<BackupDir> all = Verifier.snapshots(store, BackupNamespace.ROOT, 7);
        assertEquals(List.of(newer, older), all); // newest first
        assertEquals(List.of(), v.verifyAll(all));
        assertEquals(4, v.verifiedChunks()); // chunks 2 and 3 are shared: checked once
        assertEquals(Map.of("state", "ok", "upid", UPID), verifyState(older));
        assertEquals(Map.of("state", "ok", "upid", UPID), verifyState(newer));
        assertTrue(log.contains("verify store1:vm/100/2024-01-02T00:00:00Z"));
    }

    @Test
    void flippedByteIsDetectedRenamedToBadAndStateFailed() throws IOException {
        Path f = chunkFile(2);
        byte[] raw = Files.readAllBytes(f);
        raw[raw.length - 3] ^= 0x40;
        Files.write(f, raw);

        CollectingLog log = new CollectingLog();
        Verifier v = verifier(Verifier.Options.DEFAULT, CLOCK, log);
        List<BackupDir> failed = v.verifyAll(Verifier.snapshots(store, new BackupGroup(BackupNamespace.ROOT,
                older.group().type(), "100")));

        assertEquals(List.of(newer, older), failed);
        assertFalse(Files.exists(f));
        assertTrue(Files.exists(f.resolveSibling(f.getFileName() + ".0.bad")));
        assertEquals(1, v.corruptChunks());
        assertEquals("failed", verifyState(older).get("state"));
        assertEquals("failed", verifyState(newer).get("state"));
        assertTrue(log.contains("was marked as corrupt"), log.lines.toString()); // second snapshot: no reload
        assertTrue(log.contains("chunks could not be verified"));
    }

    @Test
    void validBlobWithWrongContentFailsTheDigestCheck() throws IOException {
        Files.write(chunkFile(4), DataBlobCodec.encode(chunk(99), null, true).raw()); // CRC fine, digest wrong
        Verifier v = verifier(Verifier.Options.DEFAULT, CLOCK, new CollectingLog());
        assertEquals(Verifier.Outcome.FAILED, v.verifySnapshot(newer));
        assertEquals(Verifier.Outcome.OK, v.verifySnapshot(older));
        assertTrue(Files.exists(chunkFile(4).resolveSibling(chunkFile(4).getFileName() + ".0.bad")));
    }

    @Test
    void ignoreVerifiedSkipsUntilOutdated() {
        verifier(Verifier.Options.DEFAULT, CLOCK, new CollectingLog()).verifySnapshot(older);

        CollectingLog log = new CollectingLog();
        assertEquals(Verifier.Outcome.SKIPPED, verifier(Verifier.Options.DEFAULT, CLOCK, log).verifySnapshot(older));
        assertTrue(log.contains("(recently verified)"));
        Clock twoDaysLater = Clock.offset(CLOCK, Duration.ofDays(2).plusHours(1));
        assertEquals(Verifier.Outcome.SKIPPED,
                verifier(new Verifier.Options(true, 2L), twoDaysLater, new CollectingLog()).verifySnapshot(older));
        assertEquals(Verifier.Outcome.OK,
                verifier(new Verifier.Options(true, 1L), twoDaysLater, new CollectingLog()).verifySnapshot(older));
        assertEquals(Verifier.Outcome.OK,
                verifier(new Verifier.Options(false, null), CLOCK, new CollectingLog()).verifySnapshot(older));
    }

    @Test
    void lockedOrVanishedSnapshotsAreSkipped() throws IOException {
        CollectingLog log = new CollectingLog();
        Verifier v = verifier(Verifier.Options.DEFAULT, CLOCK, log);
        try (Flock running = store.lockSnapshot(newer, Flock.Mode.EXCLUSIVE)) {
            assertEquals(Verifier.Outcome.SKIPPED, v.verifySnapshot(newer));
        }
        store.removeSnapshot(older, false);
        assertEquals(Verifier.Outcome.SKIPPED, v.verifySnapshot(older));
        assertTrue(log.contains("could not acquire snapshot lock"));
        assertTrue(log.contains("does not exist (anymore)"));
    }

    @Test
    void damagedManifestFailsWithoutWriting() throws IOException {
        Path m = store.manifestPath(older);
        byte[] raw = Files.readAllBytes(m);
        raw[raw.length - 1] ^= 1;
        Files.write(m, raw);
        assertEquals(Verifier.Outcome.FAILED,
                verifier(Verifier.Options.DEFAULT, CLOCK, new CollectingLog()).verifySnapshot(older));
        assertTrue(java.util.Arrays.equals(raw, Files.readAllBytes(m)));
    }
}
