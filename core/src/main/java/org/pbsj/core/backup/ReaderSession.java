package org.pbsj.core.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.store.LockedException;

/**
 * The server side of a reader (restore) session ({@code backup-protocol.md} §9): a shared lock on
 * one snapshot, file downloads, and chunk downloads limited to chunks of indexes the client
 * downloaded in this session. Thread-safe.
 */
public final class ReaderSession implements AutoCloseable {
    private final Datastore store;
    private final BackupDir dir;
    private final Path snapshotPath;
    private final Flock lock;
    private final Set<BackupSession.ChunkKey> allowed = new HashSet<>();

    private ReaderSession(Datastore store, BackupDir dir, Flock lock) {
        this.store = store;
        this.dir = dir;
        this.snapshotPath = store.snapshotPath(dir);
        this.lock = lock;
    }

    public static ReaderSession start(Datastore store, BackupDir dir) {
        if (!Files.isDirectory(store.snapshotPath(dir))) {
            throw new BackupProtocolException(404, "snapshot " + dir + " does not exist.");
        }
        try {
            return new ReaderSession(store, dir, store.lockSnapshot(dir, Flock.Mode.SHARED));
        } catch (LockedException e) {
            throw new BackupProtocolException("unable to acquire snapshot lock - locked by another operation");
        }
    }

    public BackupDir snapshot() {
        return dir;
    }

    /** {@code GET /download}: the file to stream; an index makes its chunks downloadable. */
    public Path download(String fileName) {
        try {
            ArchiveNames.requireValid(fileName);
        } catch (IllegalArgumentException | PbsFormatException e) {
            throw new BackupProtocolException(e.getMessage());
        }
        Path file = snapshotPath.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new BackupProtocolException(404, "file '" + fileName + "' does not exist in " + dir);
        }
        if (fileName.endsWith(".fidx") || fileName.endsWith(".didx")) {
            try {
                IndexFile idx = IndexFile.open(file);
                synchronized (allowed) {
                    for (int i = 0; i < idx.count(); i++) {
                        allowed.add(new BackupSession.ChunkKey(idx.digest(i)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (PbsFormatException e) {
                throw new BackupProtocolException(400, e.getMessage(), e);
            }
        }
        return file;
    }

    /** {@code GET /chunk}: the chunk file as stored, if an index of this session references it. */
    public Path chunk(byte[] digest) {
        boolean ok;
        synchronized (allowed) {
            ok = allowed.contains(new BackupSession.ChunkKey(digest));
        }
        String hex = HexFormat.of().formatHex(digest);
        if (!ok) {
            throw new BackupProtocolException(401, "download chunk " + hex + " not allowed");
        }
        Path p = store.chunkStore().chunkPath(digest);
        if (!Files.isRegularFile(p)) {
            throw new BackupProtocolException(400, "chunk " + hex + " is missing in the datastore");
        }
        return p;
    }

    @Override
    public void close() {
        lock.close();
    }
}
