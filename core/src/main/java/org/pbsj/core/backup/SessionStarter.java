package org.pbsj.core.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.datastore.LockedGroup;
import org.pbsj.core.datastore.LockedSnapshot;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.LockedException;

/** The locking and checks that open a backup session ({@code backup-protocol.md} §2.1 7–11, §3). */
final class SessionStarter {
    private SessionStarter() {
    }

    static BackupSession start(Datastore store, BackupDir dir, String authId, Clock clock) {
        List<AutoCloseable> locks = new ArrayList<>();
        try {
            // A shared chunk-store lock marks an active writer: GC keeps chunks newer than its start.
            locks.add(store.chunkStore().lockShared());
            LockedGroup group = store.createLockedGroup(dir.group(), authId);
            locks.add(group);
            if (!Datastore.ownerMatches(group.owner(), authId)) {
                // a plain error (400), as the admin API's owner check: only the privilege check is a 403
                throw new BackupProtocolException(400, "backup owner check failed (" + authId + " != " + group.owner() + ")");
            }
            BackupDir base = baseSnapshot(store, dir.group()).orElse(null);
            if (base != null) {
                if (dir.time() <= base.time()) {
                    throw new BackupProtocolException("backup timestamp is older than last backup.");
                }
                try {
                    locks.add(store.lockSnapshot(base, Flock.Mode.SHARED));
                } catch (LockedException e) {
                    throw new BackupProtocolException("base snapshot is already locked by another operation");
                }
            }
            LockedSnapshot snapshot = store.createLockedSnapshot(dir);
            locks.add(snapshot);
            if (!snapshot.created()) {
                locks.remove(snapshot);
                snapshot.close();
                throw new BackupProtocolException("backup directory already exists.");
            }
            return new BackupSession(store, dir, base, clock, locks);
        } catch (LockedException e) {
            release(locks);
            throw new BackupProtocolException(400, e.getMessage(), e);
        } catch (RuntimeException e) {
            release(locks);
            throw e;
        }
    }

    /**
     * The newest finished snapshot, unless its last verification failed: then there is no base
     * at all, so a client cannot build on chunks known to be damaged.
     */
    static Optional<BackupDir> baseSnapshot(Datastore store, BackupGroup group) {
        Optional<BackupDir> last = store.lastFinishedSnapshot(group);
        if (last.isEmpty()) {
            return last;
        }
        Path manifest = store.manifestPath(last.get());
        try {
            byte[] json = DataBlobCodec.decode(DataBlobCodec.read(manifest), null, null);
            BackupManifest m = ManifestCodec.parse(json);
            Object verify = m.unprotected().get(BackupManifest.VERIFY_STATE);
            if (verify instanceof Map<?, ?> state && "failed".equals(state.get("state"))) {
                return Optional.empty();
            }
        } catch (IOException | PbsFormatException e) {
            // an unreadable verify state counts as valid, as in PBS
        }
        return last;
    }

    private static void release(List<AutoCloseable> locks) {
        for (int i = locks.size() - 1; i >= 0; i--) {
            try {
                locks.get(i).close();
            } catch (Exception e) {
                // nothing more can be done for a lock that fails to release
            }
        }
    }

}
