package org.pbsj.core.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.job.CollectingLog;
import org.pbsj.core.store.SyncLevel;

class PullerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String OWNER = "sync@pbs";

    @TempDir
    Path tmp;
    Datastore src;
    Datastore dst;
    CollectingLog log = new CollectingLog();

    @BeforeEach
    void open() throws IOException {
        src = store("src");
        dst = store("dst");
    }

    private Datastore store(String name) throws IOException {
        Files.createDirectories(tmp.resolve(name + "/.chunks"));
        return Datastore.open(name, tmp.resolve(name), new DatastoreOptions(SyncLevel.NONE, CLOCK, tmp.resolve("locks-" + name)));
    }

    @AfterEach
    void close() {
        src.close();
        dst.close();
    }

    private SyncStats.Totals pull(MemorySyncSource source, SyncOptions options) {
        return new Puller(dst, source, options, log, () -> false, Runnable::run, 1).run();
    }

    private static BackupDir dir(String path) {
        return BackupDir.parse(path);
    }

    @Test
    void firstPullCopiesEverythingOnceAndASecondPullTransfersNoChunks() throws IOException {
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1), chunk(2));
        backup(src, CLOCK, "host/a/2024-01-02T00:00:00Z", chunk(1), chunk(3));
        backup(src, CLOCK, "vm/100/2024-01-01T00:00:00Z", chunk(2), chunk(4));
        MemorySyncSource source = MemorySyncSource.of(src);

        SyncStats.Totals first = pull(source, SyncOptions.defaults(OWNER));
        assertEquals(3, first.snapshots());
        assertEquals(4, first.chunksDownloaded(), "each chunk once, across snapshots and groups");
        assertEquals(4, source.chunkDownloads.get());
        for (String p : List.of("host/a/2024-01-01T00:00:00Z", "host/a/2024-01-02T00:00:00Z", "vm/100/2024-01-01T00:00:00Z")) {
            assertTrue(dst.isFinished(dir(p)), p);
            for (String f : List.of("index.json.blob", "root.pxar.didx")) {
                assertArrayEquals(Files.readAllBytes(src.snapshotPath(dir(p)).resolve(f)),
                        Files.readAllBytes(dst.snapshotPath(dir(p)).resolve(f)), p + "/" + f);
            }
        }
        assertEquals(OWNER, dst.owner(dir("host/a/2024-01-01T00:00:00Z").group()).orElseThrow());

        SyncStats.Totals second = pull(source, SyncOptions.defaults(OWNER));
        assertEquals(0, second.chunksDownloaded());
        assertEquals(4, source.chunkDownloads.get(), "nothing new fetched");
        assertTrue(log.contains("no data changes"), log.lines.toString());
    }

    @Test
    void onlyChunksMissingLocallyAreDownloaded() {
        backup(dst, CLOCK, "host/other/2024-01-01T00:00:00Z", chunk(1), chunk(2));
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1), chunk(2), chunk(3));
        MemorySyncSource source = MemorySyncSource.of(src);
        SyncStats.Totals t = pull(source, SyncOptions.defaults(OWNER));
        assertEquals(1, t.chunksDownloaded());
        assertEquals(2, t.chunksPresent());
        assertEquals(1, source.chunkDownloads.get());

        backup(src, CLOCK, "host/a/2024-01-02T00:00:00Z", chunk(3), chunk(5));
        SyncStats.Totals next = pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER));
        assertEquals(1, next.chunksDownloaded(), "only chunk 5 is new");
    }

    @Test
    void anIncompleteSnapshotIsNeverVisible() throws IOException {
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1), chunk(2), chunk(3));
        MemorySyncSource source = MemorySyncSource.of(src);
        source.failAfterChunks = 2;
        SyncException e = assertThrows(SyncException.class, () -> pull(source, SyncOptions.defaults(OWNER)));
        assertTrue(e.getMessage().contains("some errors"), e.getMessage());
        assertTrue(log.contains("connection reset"), log.lines.toString());
        BackupGroup g = dir("host/a/2024-01-01T00:00:00Z").group();
        assertEquals(List.of(), dst.listSnapshots(g));
        try (Stream<Path> s = Files.list(dst.groupPath(g))) {
            assertEquals(List.of("owner"), s.map(p -> p.getFileName().toString()).toList(), "no temp dir left");
        }

        source.failAfterChunks = -1;
        pull(source, SyncOptions.defaults(OWNER));
        assertTrue(dst.isFinished(dir("host/a/2024-01-01T00:00:00Z")));
        assertEquals(3, source.chunkDownloads.get(), "the chunks stored before the failure are reused");
    }

    @Test
    void unfinishedSourceSnapshotsAreSkipped() {
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1));
        MemorySyncSource source = MemorySyncSource.of(src);
        Map<String, byte[]> partial = new TreeMap<>(source.snapshots.get(dir("host/a/2024-01-01T00:00:00Z")));
        partial.remove(BackupDir.MANIFEST);
        source.snapshots.put(dir("host/a/2024-01-05T00:00:00Z"), partial);
        assertEquals(1, pull(source, SyncOptions.defaults(OWNER)).snapshots());
        assertFalse(Files.exists(dst.snapshotPath(dir("host/a/2024-01-05T00:00:00Z"))));
    }

    @Test
    void removeVanishedDeletesSnapshotsAndGroupsOfTheOwnerOnly() {
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1));
        backup(src, CLOCK, "host/a/2024-01-02T00:00:00Z", chunk(2));
        backup(src, CLOCK, "host/gone/2024-01-01T00:00:00Z", chunk(3));
        pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER));
        backup(dst, CLOCK, "host/foreign/2024-01-01T00:00:00Z", chunk(4)); // owned by someone else
        dst.setProtected(dir("host/a/2024-01-02T00:00:00Z"), true);

        src.removeSnapshot(dir("host/a/2024-01-01T00:00:00Z"), false);
        src.removeSnapshot(dir("host/a/2024-01-02T00:00:00Z"), false);
        backup(src, CLOCK, "host/a/2024-01-03T00:00:00Z", chunk(2));
        src.removeGroup(dir("host/gone/2024-01-01T00:00:00Z").group());

        SyncStats.Totals t = pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER).withRemoveVanished(true));
        BackupGroup a = dir("host/a/2024-01-01T00:00:00Z").group();
        assertEquals(List.of(dir("host/a/2024-01-02T00:00:00Z"), dir("host/a/2024-01-03T00:00:00Z")), dst.listSnapshots(a),
                "the vanished snapshot is gone, the protected one stays");
        assertEquals(1, t.removedSnapshots());
        assertEquals(1, t.removedGroups());
        assertFalse(dst.groupExists(dir("host/gone/2024-01-01T00:00:00Z").group()));
        assertTrue(dst.groupExists(dir("host/foreign/2024-01-01T00:00:00Z").group()));
    }

    @Test
    void withoutRemoveVanishedNothingIsDeleted() {
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1));
        pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER));
        src.removeSnapshot(dir("host/a/2024-01-01T00:00:00Z"), false);
        backup(src, CLOCK, "host/a/2024-01-02T00:00:00Z", chunk(1));
        pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER));
        assertEquals(2, dst.listSnapshots(dir("host/a/2024-01-01T00:00:00Z").group()).size());
    }

    @Test
    void transferLastPullsOnlyTheNewestSnapshots() {
        for (int day = 1; day <= 4; day++) {
            backup(src, CLOCK, "host/a/2024-01-0" + day + "T00:00:00Z", chunk(day));
        }
        SyncStats.Totals t = pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER).withTransferLast(2));
        assertEquals(2, t.snapshots());
        assertEquals(List.of(dir("host/a/2024-01-03T00:00:00Z"), dir("host/a/2024-01-04T00:00:00Z")),
                dst.listSnapshots(dir("host/a/2024-01-01T00:00:00Z").group()));
        assertTrue(log.contains("skipped 2 snapshot(s) due to transfer-last"), log.lines.toString());
    }

    @Test
    void groupFilterSelectsGroups() {
        backup(src, CLOCK, "host/web1/2024-01-01T00:00:00Z", chunk(1));
        backup(src, CLOCK, "host/db1/2024-01-01T00:00:00Z", chunk(2));
        backup(src, CLOCK, "vm/100/2024-01-01T00:00:00Z", chunk(3));
        GroupFilter f = GroupFilter.parse(List.of("type:host", "exclude:regex:^host/db"));
        pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER).withGroupFilter(f));
        assertTrue(dst.groupExists(dir("host/web1/2024-01-01T00:00:00Z").group()));
        assertFalse(dst.groupExists(dir("host/db1/2024-01-01T00:00:00Z").group()));
        assertFalse(dst.groupExists(dir("vm/100/2024-01-01T00:00:00Z").group()));
    }

    @Test
    void namespacesAreMappedFromTheSourceAnchorToTheTargetAnchor() {
        backup(src, CLOCK, "ns/prod/host/a/2024-01-01T00:00:00Z", chunk(1));
        backup(src, CLOCK, "ns/prod/ns/eu/host/b/2024-01-01T00:00:00Z", chunk(2));
        backup(src, CLOCK, "ns/test/host/c/2024-01-01T00:00:00Z", chunk(3));
        SyncOptions o = SyncOptions.defaults(OWNER).withNamespaces(BackupNamespace.of("copy"), BackupNamespace.of("prod"), 1);
        pull(MemorySyncSource.of(src), o);
        assertTrue(dst.isFinished(dir("ns/copy/host/a/2024-01-01T00:00:00Z")));
        assertTrue(dst.isFinished(dir("ns/copy/ns/eu/host/b/2024-01-01T00:00:00Z")));
        assertFalse(dst.namespaceExists(BackupNamespace.of("test")));
    }

    @Test
    void aGroupOwnedBySomeoneElseIsAnErrorButOthersAreStillPulled() {
        backup(dst, CLOCK, "host/a/2023-01-01T00:00:00Z", chunk(9)); // owner backup@pbs
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1));
        backup(src, CLOCK, "host/b/2024-01-01T00:00:00Z", chunk(2));
        assertThrows(SyncException.class, () -> pull(MemorySyncSource.of(src), SyncOptions.defaults(OWNER)));
        assertTrue(log.contains("owner check failed"), log.lines.toString());
        assertTrue(dst.isFinished(dir("host/b/2024-01-01T00:00:00Z")));
        assertFalse(Files.exists(dst.snapshotPath(dir("host/a/2024-01-01T00:00:00Z"))));
    }

    @Test
    void aLateClientLogIsPickedUpOnTheNextRun() throws IOException {
        BackupDir d = backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1));
        MemorySyncSource source = MemorySyncSource.of(src);
        pull(source, SyncOptions.defaults(OWNER));
        source.snapshots.get(d).put(BackupDir.CLIENT_LOG, new byte[] {1, 2, 3});
        pull(source, SyncOptions.defaults(OWNER));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dst.snapshotPath(d).resolve(BackupDir.CLIENT_LOG)));
    }
}
