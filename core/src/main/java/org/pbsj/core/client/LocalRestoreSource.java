package org.pbsj.core.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.manifest.ArchiveNames;

/** {@link RestoreSource} on a local datastore, holding the shared snapshot lock a reader session holds. */
public final class LocalRestoreSource implements RestoreSource {
    private final Datastore store;
    private final BackupDir dir;
    private final Flock lock;

    private LocalRestoreSource(Datastore store, BackupDir dir, Flock lock) {
        this.store = store;
        this.dir = dir;
        this.lock = lock;
    }

    public static LocalRestoreSource open(Datastore store, BackupDir dir) {
        if (!Files.isDirectory(store.snapshotPath(dir))) {
            throw new ClientException("snapshot " + dir + " does not exist");
        }
        return new LocalRestoreSource(store, dir, store.lockSnapshot(dir, Flock.Mode.SHARED));
    }

    @Override
    public BackupDir snapshot() {
        return dir;
    }

    @Override
    public byte[] download(String fileName) {
        ArchiveNames.requireValid(fileName);
        Path p = store.snapshotPath(dir).resolve(fileName);
        try {
            return Files.readAllBytes(p); // blobs ≤ 16 MiB, indexes 32-40 bytes per chunk
        } catch (NoSuchFileException e) {
            throw new ClientException("file '" + fileName + "' does not exist in snapshot " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    @Override
    public byte[] chunk(byte[] digest) {
        return store.chunkStore().read(digest);
    }

    @Override
    public void close() {
        lock.close();
    }
}
