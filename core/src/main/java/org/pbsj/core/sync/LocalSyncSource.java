package org.pbsj.core.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.datastore.Names;

/**
 * Another datastore of this server as the sync's source (a sync job without {@code remote}).
 * Each snapshot is read under a shared snapshot lock, as a reader session would. Like PBS 3.2.4
 * a local sync does not copy the client log.
 */
public final class LocalSyncSource implements SyncSource {
    private final Datastore source;

    public LocalSyncSource(Datastore source) {
        this.source = source;
    }

    @Override
    public List<BackupNamespace> namespaces(BackupNamespace anchor, int maxDepth) {
        if (!source.namespaceExists(anchor)) {
            throw new SyncException("source namespace '" + anchor + "' does not exist");
        }
        return source.listNamespacesRecursive(anchor, maxDepth);
    }

    @Override
    public List<BackupGroup> groups(BackupNamespace ns) {
        return source.listGroups(ns);
    }

    @Override
    public List<SourceSnapshot> snapshots(BackupGroup group) {
        return source.listSnapshots(group).stream().map(d -> new SourceSnapshot(d, source.isFinished(d))).toList();
    }

    @Override
    public SnapshotReader open(BackupDir dir) {
        Flock lock = source.lockSnapshot(dir, Flock.Mode.SHARED);
        return new SnapshotReader() {
            @Override
            public Optional<byte[]> download(String fileName) {
                if (fileName.equals(BackupDir.CLIENT_LOG) || !Names.isSafeId(fileName)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readAllBytes(source.snapshotPath(dir).resolve(fileName)));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + fileName + " of " + dir, e);
                }
            }

            @Override
            public byte[] chunk(byte[] digest) {
                return source.chunkStore().read(digest);
            }

            @Override
            public void close() {
                lock.close();
            }
        };
    }

    @Override
    public void close() {
        // the datastore belongs to the caller
    }
}
