package org.pbsj.core.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.pbsj.core.client.BackupTarget;
import org.pbsj.core.client.LocalBackupTarget;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;

/**
 * A {@link PushTarget} over a local datastore: backup sessions are core's own
 * {@link org.pbsj.core.backup.BackupSession}s (the server side of the protocol), so a push
 * into it obeys the rules a remote server enforces (owner, known chunks, checksums). Counts
 * chunk uploads.
 */
final class LocalPushTarget implements PushTarget {
    final Datastore store;
    final String authId;
    final Clock clock;
    final AtomicInteger chunkUploads = new AtomicInteger();
    final AtomicInteger sessions = new AtomicInteger();

    LocalPushTarget(Datastore store, String authId, Clock clock) {
        this.store = store;
        this.authId = authId;
        this.clock = clock;
    }

    @Override
    public String authId() {
        return authId;
    }

    @Override
    public List<BackupNamespace> namespaces() {
        return store.listNamespacesRecursive(BackupNamespace.ROOT, BackupNamespace.MAX_DEPTH);
    }

    @Override
    public void createNamespace(BackupNamespace ns) {
        store.createNamespace(ns);
    }

    @Override
    public List<TargetGroup> groups(BackupNamespace ns) {
        List<TargetGroup> out = new ArrayList<>();
        for (BackupGroup g : store.listGroups(ns)) {
            out.add(new TargetGroup(g, store.owner(g).orElse(null)));
        }
        return out;
    }

    @Override
    public List<TargetSnapshot> snapshots(BackupGroup group) {
        return store.listSnapshots(group).stream()
                .map(d -> new TargetSnapshot(d, store.isFinished(d), store.isProtected(d))).toList();
    }

    @Override
    public BackupTarget startBackup(BackupDir dir) {
        sessions.incrementAndGet();
        LocalBackupTarget session = LocalBackupTarget.start(store, dir, authId, clock);
        return new CountingTarget(session);
    }

    @Override
    public void removeSnapshot(BackupDir dir) {
        store.removeSnapshot(dir, false);
    }

    @Override
    public boolean removeGroup(BackupGroup group) {
        return store.removeGroup(group);
    }

    @Override
    public boolean removeNamespace(BackupNamespace ns) {
        return store.removeNamespace(ns, true);
    }

    @Override
    public void close() {
    }

    /** Forwards to the session, counting chunk uploads. */
    private final class CountingTarget implements BackupTarget {
        private final BackupTarget d;

        CountingTarget(BackupTarget d) {
            this.d = d;
        }

        @Override
        public BackupDir snapshot() {
            return d.snapshot();
        }

        @Override
        public java.util.Optional<Long> previousBackupTime() {
            return d.previousBackupTime();
        }

        @Override
        public byte[] downloadPrevious(String archiveName) {
            return d.downloadPrevious(archiveName);
        }

        @Override
        public int createDynamicIndex(String archiveName) {
            return d.createDynamicIndex(archiveName);
        }

        @Override
        public int createFixedIndex(String archiveName, long size, String reuseCsum) {
            return d.createFixedIndex(archiveName, size, reuseCsum);
        }

        @Override
        public void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] encodedBlob) {
            chunkUploads.incrementAndGet();
            d.uploadChunk(fixed, wid, digest, size, encodedBlob);
        }

        @Override
        public void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets) {
            d.append(fixed, wid, digests, offsets);
        }

        @Override
        public void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum) {
            d.closeIndex(fixed, wid, chunkCount, size, csum);
        }

        @Override
        public void uploadBlob(String fileName, byte[] encodedBlob) {
            d.uploadBlob(fileName, encodedBlob);
        }

        @Override
        public void finish() {
            d.finish();
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
