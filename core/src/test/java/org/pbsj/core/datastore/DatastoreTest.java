package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.store.LockedException;
import org.pbsj.core.store.StoreException;

class DatastoreTest {
    @TempDir
    Path dir;
    TestDatastore t;
    Datastore ds;

    @BeforeEach
    void setUp() {
        t = TestDatastore.in(dir);
        ds = t.store;
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void createBuildsTheLayoutAndRefusesASecondCreate() {
        Path p = dir.resolve("created");
        try (Datastore created = Datastore.create("store1", p, DatastoreOptions.defaults())) {
            assertTrue(Files.isRegularFile(p.resolve(".lock")));
            assertTrue(Files.isDirectory(p.resolve(".chunks/0000")));
            assertTrue(Files.isDirectory(p.resolve(".chunks/ffff")));
            assertEquals("store1", created.name());
            assertEquals(GcStatus.EMPTY, created.readGcStatus());
        }
        assertThrows(StoreException.class, () -> Datastore.create("store1", p, DatastoreOptions.defaults()));
        try (Datastore reopened = Datastore.open("store1", p, DatastoreOptions.defaults())) {
            assertTrue(reopened.listGroups(BackupNamespace.ROOT).isEmpty());
        }
    }

    @Test
    void openNeedsChunkDirectoryAndValidName() {
        assertThrows(StoreException.class,
                () -> Datastore.open("store2", dir.resolve("empty"), DatastoreOptions.defaults()));
        assertThrows(InvalidNameException.class,
                () -> Datastore.open("../x", dir.resolve("store"), DatastoreOptions.defaults()));
    }

    @Test
    void gcStatusRoundTripAndBadContent() throws IOException {
        GcStatus s = new GcStatus("UPID:pbs:1:", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertTrue(ds.writeGcStatus(s));
        assertEquals(s, ds.readGcStatus());
        Files.writeString(ds.basePath().resolve(".gc-status"), "{not json");
        assertEquals(GcStatus.EMPTY, ds.readGcStatus());
    }

    @Test
    void namespacesNeedTheirParentAndListSorted() {
        BackupNamespace a = BackupNamespace.parse("a");
        assertThrows(StoreException.class, () -> ds.createNamespace(BackupNamespace.parse("a/b")));
        ds.createNamespace(a);
        ds.createNamespace(BackupNamespace.parse("a/z"));
        ds.createNamespace(BackupNamespace.parse("a/b"));
        ds.createNamespace(BackupNamespace.parse("a/b/c"));
        assertTrue(Files.isDirectory(ds.basePath().resolve("ns/a/ns/b/ns/c")));
        assertEquals(List.of(BackupNamespace.parse("a/b"), BackupNamespace.parse("a/z")), ds.listNamespaces(a));
        assertEquals(List.of(BackupNamespace.ROOT, a, BackupNamespace.parse("a/b"), BackupNamespace.parse("a/b/c"),
                BackupNamespace.parse("a/z")), ds.listNamespacesRecursive(BackupNamespace.ROOT, 7));
        assertEquals(List.of(BackupNamespace.ROOT, a), ds.listNamespacesRecursive(BackupNamespace.ROOT, 1));
    }

    @Test
    void groupsListInPbsOrderIgnoringJunk() throws IOException {
        for (String g : List.of("vm/100", "vm/20", "vm/abc", "ct/300", "host/web", "vm/3")) {
            t.finished(g + "/2024-01-01T00:00:00Z");
        }
        Files.createDirectories(ds.basePath().resolve("vm/.hidden"));
        Files.createDirectories(ds.basePath().resolve("other/1"));
        Files.write(ds.basePath().resolve("vm/file"), new byte[0]);
        List<String> names = ds.listGroups(BackupNamespace.ROOT).stream().map(BackupGroup::toString)
                .collect(Collectors.toList());
        assertEquals(List.of("ct/300", "host/web", "vm/3", "vm/20", "vm/100", "vm/abc"), names);
    }

    @Test
    void ownerFileIsExactlyAuthIdAndNewline() throws IOException {
        t.finished("vm/100/2024-01-01T00:00:00Z");
        BackupGroup g = BackupGroup.parse("vm/100");
        Path owner = ds.groupPath(g).resolve("owner");
        assertEquals(TestDatastore.OWNER + "\n", Files.readString(owner));
        assertThrows(StoreException.class, () -> ds.setOwner(g, "other@pbs", false));
        ds.setOwner(g, "user@pam!token", true);
        assertArrayEquals("user@pam!token\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(owner));
        Files.writeString(owner, "root@pam  \nsecond line\n");
        assertEquals(Optional.of("root@pam"), ds.owner(g));
        assertTrue(Datastore.ownerMatches("user@pam!token", "user@pam"));
        assertTrue(Datastore.ownerMatches("user@pam", "user@pam"));
        assertFalse(Datastore.ownerMatches("user@pam", "user@pam!token"));
        assertFalse(Datastore.ownerMatches("userx@pam!t", "user@pam"));
    }

    @Test
    void createLockedGroupHoldsTheGroupLock() {
        BackupGroup g = BackupGroup.parse("ct/1");
        try (LockedGroup first = ds.createLockedGroup(g, "a@pbs")) {
            assertTrue(first.created());
            LockedException e = assertThrows(LockedException.class, () -> ds.createLockedGroup(g, "b@pbs"));
            assertTrue(e.getMessage().contains("another backup is already running"), e.getMessage());
        }
        try (LockedGroup second = ds.createLockedGroup(g, "b@pbs")) {
            assertFalse(second.created());
            assertEquals("a@pbs", second.owner(), "existing owner is kept");
        }
        assertThrows(StoreException.class,
                () -> ds.createLockedGroup(new BackupGroup(BackupNamespace.parse("missing"), BackupType.VM, "1"), "a@pbs"));
    }

    @Test
    void snapshotsListOldestFirstWithState() throws IOException {
        t.finished("vm/100/2024-01-02T00:00:00Z").finished("vm/100/2024-01-01T00:00:00Z")
                .unfinished("vm/100/2024-01-03T00:00:00Z").protect("vm/100/2024-01-01T00:00:00Z");
        BackupGroup g = BackupGroup.parse("vm/100");
        Files.createDirectories(ds.groupPath(g).resolve("2024-01-04T00:00:00+01:00"));
        Files.createDirectories(ds.groupPath(g).resolve("not-a-time"));
        List<BackupDir> list = ds.listSnapshots(g);
        assertEquals(List.of(Snapshots.of("vm/100/2024-01-01T00:00:00Z"), Snapshots.of("vm/100/2024-01-02T00:00:00Z"),
                Snapshots.of("vm/100/2024-01-03T00:00:00Z")), list);
        assertTrue(ds.isFinished(list.get(1)));
        assertFalse(ds.isFinished(list.get(2)));
        assertTrue(ds.isProtected(list.get(0)));
        assertEquals(Optional.of(list.get(1)), ds.lastFinishedSnapshot(g));
        Files.write(ds.snapshotPath(list.get(1)).resolve("drive.img.fidx"), new byte[0]);
        Files.write(ds.snapshotPath(list.get(1)).resolve("x.img.tmp_fidx"), new byte[0]);
        assertEquals(List.of("drive.img.fidx", "index.json.blob", "root.pxar.didx"), ds.backupFiles(list.get(1)));
    }

    @Test
    void snapshotLocksConflictAsInPbs() {
        t.finished("vm/100/2024-01-01T00:00:00Z");
        BackupDir d = Snapshots.of("vm/100/2024-01-01T00:00:00Z");
        try (Flock reader1 = ds.lockSnapshot(d, Flock.Mode.SHARED);
                Flock reader2 = ds.lockSnapshot(d, Flock.Mode.SHARED)) {
            LockedException e = assertThrows(LockedException.class, () -> ds.removeSnapshot(d, false));
            assertTrue(e.getMessage().contains("possibly running or in use"), e.getMessage());
            assertThrows(LockedException.class, () -> ds.createLockedSnapshot(d));
        }
        try (LockedSnapshot s = ds.createLockedSnapshot(d)) {
            assertFalse(s.created());
            assertThrows(LockedException.class, () -> ds.lockSnapshot(d, Flock.Mode.SHARED));
            s.lock().downgrade();
            ds.lockSnapshot(d, Flock.Mode.SHARED).close();
        }
    }

    @Test
    void protectedSnapshotIsNotRemovable() {
        t.finished("vm/100/2024-01-01T00:00:00Z").protect("vm/100/2024-01-01T00:00:00Z");
        BackupDir d = Snapshots.of("vm/100/2024-01-01T00:00:00Z");
        assertThrows(ProtectedSnapshotException.class, () -> ds.removeSnapshot(d, false));
        assertThrows(ProtectedSnapshotException.class, () -> ds.removeSnapshot(d, true));
        assertTrue(Files.isDirectory(ds.snapshotPath(d)));
        ds.setProtected(d, false);
        ds.removeSnapshot(d, false);
        assertFalse(Files.exists(ds.snapshotPath(d)));
        assertFalse(Files.exists(ds.manifestLockPath(d)), "manifest lock file is deleted");
    }

    @Test
    void manifestLockFileFollowsPbsPathAndExcludes() {
        t.finished("ns/a/vm/100/2024-01-01T00:00:00Z");
        BackupDir d = Snapshots.of("ns/a/vm/100/2024-01-01T00:00:00Z");
        assertEquals(dir.resolve("locks/test-store/ns/a/vm/100/2024-01-01T00:00:00Z/2024-01-01T00:00:00Z.index.json.lck"),
                ds.manifestLockPath(d));
        try (Flock m = ds.lockManifest(d)) {
            assertTrue(Files.isRegularFile(ds.manifestLockPath(d)));
            assertThrows(LockedException.class,
                    () -> Flock.lockFile(ds.manifestLockPath(d), java.time.Duration.ofMillis(30), "manifest"));
        }
        ds.lockManifest(d).close();
    }

    @Test
    void removeGroupKeepsItWhileAProtectedSnapshotRemains() {
        t.finished("vm/1/2024-01-01T00:00:00Z").finished("vm/1/2024-01-02T00:00:00Z")
                .protect("vm/1/2024-01-02T00:00:00Z").finished("vm/2/2024-01-01T00:00:00Z");
        BackupGroup g1 = BackupGroup.parse("vm/1");
        assertFalse(ds.removeGroup(g1));
        assertEquals(List.of(Snapshots.of("vm/1/2024-01-02T00:00:00Z")), ds.listSnapshots(g1));
        assertTrue(ds.removeGroup(BackupGroup.parse("vm/2")));
        assertFalse(ds.groupExists(BackupGroup.parse("vm/2")));
    }

    @Test
    void removeNamespaceRecursively() {
        t.finished("ns/a/vm/1/2024-01-01T00:00:00Z").finished("ns/a/ns/b/ct/2/2024-01-01T00:00:00Z");
        BackupNamespace a = BackupNamespace.parse("a");
        assertFalse(ds.removeNamespace(a, false), "not empty: only empty namespaces go");
        assertTrue(ds.namespaceExists(BackupNamespace.parse("a/b")));
        t.protect("ns/a/ns/b/ct/2/2024-01-01T00:00:00Z");
        assertFalse(ds.removeNamespace(a, true), "protected snapshot survives");
        assertTrue(ds.namespaceExists(BackupNamespace.parse("a/b")));
        assertTrue(ds.listGroups(a).isEmpty());
        ds.setProtected(Snapshots.of("ns/a/ns/b/ct/2/2024-01-01T00:00:00Z"), false);
        assertTrue(ds.removeNamespace(a, true));
        assertFalse(ds.namespaceExists(a));
        assertTrue(Files.isDirectory(ds.basePath()));
    }

    @Test
    void groupNotesAreReplacedAtomically() {
        t.finished("host/h1/2024-01-01T00:00:00Z");
        BackupGroup g = BackupGroup.parse("host/h1");
        assertEquals(Optional.empty(), ds.groupNotes(g));
        ds.setGroupNotes(g, "comment\nmore");
        assertEquals(Optional.of("comment\nmore"), ds.groupNotes(g));
    }

    @Test
    void snapshotCreationNeedsItsGroup() {
        assertThrows(StoreException.class, () -> ds.createLockedSnapshot(Snapshots.of("vm/9/2024-01-01T00:00:00Z")));
    }
}
