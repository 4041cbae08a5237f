package org.pbsj.core.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.testutil.TestBackups.backup;
import static org.pbsj.core.testutil.TestBackups.chunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.job.CollectingLog;
import org.pbsj.core.store.SyncLevel;

class PruneExecutorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    Datastore store;
    BackupGroup group;
    List<BackupDir> dirs;

    @BeforeEach
    void open() throws IOException {
        Files.createDirectories(tmp.resolve("store/.chunks"));
        store = Datastore.open("store1", tmp.resolve("store"),
                new DatastoreOptions(SyncLevel.NONE, CLOCK, tmp.resolve("locks")));
        dirs = List.of(
                backup(store, CLOCK, "host/elsa/2019-12-02T11:59:15Z", chunk(1)),
                backup(store, CLOCK, "host/elsa/2019-12-03T11:59:15Z", chunk(1)),
                backup(store, CLOCK, "host/elsa/2019-12-04T11:59:15Z", chunk(1)),
                backup(store, CLOCK, "host/elsa/2019-12-04T12:59:15Z", chunk(1)));
        group = dirs.get(0).group();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PruneExecutor executor(CollectingLog log) {
        return new PruneExecutor(store, ZoneOffset.UTC, log, () -> false);
    }

    @Test
    void dryRunMatchesThePlannerAndRemovesNothing() {
        KeepOptions keep = KeepOptions.NONE.withKeepDaily(2);
        List<PruneExecutor.Result> r = executor(new CollectingLog()).pruneGroup(group, keep, true);
        List<PruneEntry> plan = PrunePlanner.plan(dirs.stream().map(d -> SnapshotInfo.of(d.toString(), d.time())).toList(),
                keep, ZoneOffset.UTC);
        assertEquals(4, r.size());
        for (int i = 0; i < 4; i++) { // result oldest first, plan newest first
            assertEquals(plan.get(3 - i).snapshot().id(), r.get(i).dir().toString());
            assertEquals(plan.get(3 - i).mark(), r.get(i).mark());
        }
        assertEquals(List.of(false, true, false, true), r.stream().map(PruneExecutor.Result::keep).toList());
        assertEquals(dirs, store.listSnapshots(group));
    }

    @Test
    void realRunRemovesButNeverProtectedSnapshots() {
        store.setProtected(dirs.get(0), true);
        CollectingLog log = new CollectingLog();
        List<PruneExecutor.Result> r = executor(log).pruneGroup(group, KeepOptions.NONE.withKeepLast(1), false);
        assertEquals(List.of(PruneMark.PROTECTED, PruneMark.REMOVE, PruneMark.REMOVE, PruneMark.KEEP),
                r.stream().map(PruneExecutor.Result::mark).toList());
        assertTrue(r.get(0).isProtected());
        assertEquals(List.of(dirs.get(0), dirs.get(3)), store.listSnapshots(group));
        assertTrue(log.contains("host/elsa/2019-12-03T11:59:15Z remove"));
    }

    @Test
    void snapshotInUseIsWarnedAboutAndTheRestContinues() {
        CollectingLog log = new CollectingLog();
        try (Flock reader = store.lockSnapshot(dirs.get(1), Flock.Mode.SHARED)) {
            executor(log).pruneGroup(group, KeepOptions.NONE.withKeepLast(1), false);
        }
        assertEquals(List.of(dirs.get(1), dirs.get(3)), store.listSnapshots(group));
        assertEquals(1, log.warnings());
    }

    @Test
    void noKeepOptionKeepsEverything() {
        List<PruneExecutor.Result> r = executor(new CollectingLog()).pruneGroup(group, KeepOptions.NONE, false);
        assertTrue(r.stream().allMatch(PruneExecutor.Result::keep));
        assertEquals(4, store.listSnapshots(group).size());
    }

    @Test
    void namespaceScopeHonoursDepthAndFilter() {
        backup(store, CLOCK, "ns/a/host/x/2020-01-01T00:00:00Z", chunk(2));
        backup(store, CLOCK, "ns/a/host/x/2020-01-02T00:00:00Z", chunk(2));
        backup(store, CLOCK, "ns/a/ns/b/host/y/2020-01-01T00:00:00Z", chunk(2));
        backup(store, CLOCK, "ns/a/ns/b/host/y/2020-01-02T00:00:00Z", chunk(2));
        KeepOptions keep = KeepOptions.NONE.withKeepLast(1);
        PruneExecutor ex = executor(new CollectingLog());
        ex.pruneNamespace(BackupNamespace.of("a"), 0, keep, false, g -> true);
        assertEquals(1, store.listSnapshots(BackupGroup.parse(BackupNamespace.of("a"), "host/x")).size());
        assertEquals(2, store.listSnapshots(BackupGroup.parse(BackupNamespace.of("a", "b"), "host/y")).size());
        ex.pruneNamespace(BackupNamespace.ROOT, 7, keep, false, g -> !g.id().equals("elsa"));
        assertEquals(1, store.listSnapshots(BackupGroup.parse(BackupNamespace.of("a", "b"), "host/y")).size());
        assertEquals(4, store.listSnapshots(group).size());
    }
}
