package org.pbsj.core.datastore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

import org.pbsj.core.store.SyncLevel;

/**
 * What a {@link Datastore} needs besides its path: the {@code sync-level} tuning, the clock and
 * the base directory of the manifest lock files (PBS: {@code /run/proxmox-backup/locks}).
 */
public record DatastoreOptions(SyncLevel syncLevel, Clock clock, Path lockBaseDir) {
    public static final Path PBS_LOCK_BASE_DIR = Path.of("/run/proxmox-backup/locks");

    public DatastoreOptions {
        Objects.requireNonNull(syncLevel, "syncLevel");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lockBaseDir, "lockBaseDir");
    }

    /** PBS defaults: sync-level filesystem, system UTC clock, PBS's lock directory. */
    public static DatastoreOptions defaults() {
        return new DatastoreOptions(SyncLevel.FILESYSTEM, Clock.systemUTC(), PBS_LOCK_BASE_DIR);
    }

    public DatastoreOptions withSyncLevel(SyncLevel level) {
        return new DatastoreOptions(level, clock, lockBaseDir);
    }

    public DatastoreOptions withClock(Clock c) {
        return new DatastoreOptions(syncLevel, c, lockBaseDir);
    }

    public DatastoreOptions withLockBaseDir(Path dir) {
        return new DatastoreOptions(syncLevel, clock, dir);
    }
}
