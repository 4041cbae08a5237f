package org.pbsj.core.datastore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.pbsj.core.store.SyncLevel;

/**
 * A datastore in a temp directory, built by small steps:
 * {@code TestDatastore.in(dir).finished("vm/100/2024-01-01T00:00:00Z").protect(...)}.
 *
 * <p>It only creates an empty {@code .chunks} (enough for {@link Datastore#open}; prefix
 * directories are made on demand) because the full 65536-directory layout costs seconds; the
 * real {@link Datastore#create} is tested once in {@link DatastoreTest}.
 */
final class TestDatastore implements AutoCloseable {
    static final String OWNER = "backup@pbs";
    static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    final Datastore store;
    final Path dir;

    private TestDatastore(Path dir, Datastore store) {
        this.dir = dir;
        this.store = store;
    }

    static TestDatastore in(Path dir) {
        try {
            Files.createDirectories(dir.resolve("store/.chunks"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatastoreOptions options = new DatastoreOptions(SyncLevel.NONE, Clock.fixed(NOW, ZoneOffset.UTC),
                dir.resolve("locks"));
        return new TestDatastore(dir, Datastore.open("test-store", dir.resolve("store"), options));
    }

    /** Creates namespaces, group (with owner) and snapshot directory, without manifest. */
    TestDatastore unfinished(String snapshotPath) {
        BackupDir d = Snapshots.of(snapshotPath);
        BackupNamespace ns = BackupNamespace.ROOT;
        for (String c : d.ns().components()) {
            ns = ns.child(c);
            store.createNamespace(ns);
        }
        try (LockedGroup g = store.createLockedGroup(d.group(), OWNER);
                LockedSnapshot s = store.createLockedSnapshot(d)) {
            Files.write(s.path().resolve("root.pxar.didx"), new byte[] {1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** As {@link #unfinished} plus a (dummy) {@code index.json.blob}. */
    TestDatastore finished(String snapshotPath) {
        unfinished(snapshotPath);
        try {
            Files.write(store.manifestPath(Snapshots.of(snapshotPath)), new byte[] {0});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TestDatastore protect(String snapshotPath) {
        store.setProtected(Snapshots.of(snapshotPath), true);
        return this;
    }

    @Override
    public void close() {
        store.close();
    }
}
