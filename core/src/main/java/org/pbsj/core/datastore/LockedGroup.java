package org.pbsj.core.datastore;

/** A group directory with its exclusive lock, and its owner. */
public record LockedGroup(BackupGroup group, String owner, boolean created, Flock lock) implements AutoCloseable {
    @Override
    public void close() {
        lock.close();
    }
}
