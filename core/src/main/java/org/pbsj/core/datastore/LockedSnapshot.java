package org.pbsj.core.datastore;

import java.nio.file.Path;

/** A snapshot directory with its exclusive lock; {@code created} is false if it existed already. */
public record LockedSnapshot(BackupDir dir, Path path, boolean created, Flock lock) implements AutoCloseable {
    @Override
    public void close() {
        lock.close();
    }
}
