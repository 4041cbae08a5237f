package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_AUDIT;
import static org.pbsj.server.auth.Privilege.DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.DATASTORE_MODIFY;
import static org.pbsj.server.auth.Privilege.DATASTORE_PRUNE;
import static org.pbsj.server.auth.Privilege.DATASTORE_READ;
import static org.pbsj.server.auth.Privilege.REMOTE_AUDIT;
import static org.pbsj.server.auth.Privilege.REMOTE_READ;

import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;

/**
 * Sync job privileges ({@code access-control.md} §6): read needs Datastore.Audit on the target
 * and Remote.Audit on {@code /remote/{remote}}; modify and run need Datastore.Backup on the target,
 * Remote.Read on {@code /remote/{remote}/{remote-store}} (a local source: Datastore.Read on it),
 * Datastore.Prune with remove-vanished, and Datastore.Modify if the job's owner is neither the
 * caller nor one of the caller's tokens.
 */
final class SyncAccess {
    private SyncAccess() {
    }

    static boolean canRead(AclTree acl, AuthService.Caller caller, SyncRequest j) {
        if (!has(acl, caller, target(j), DATASTORE_AUDIT)) {
            return false;
        }
        return j.remote() == null ? has(acl, caller, source(j), DATASTORE_AUDIT)
                : has(acl, caller, RemoteService.aclPath(j.remote()), REMOTE_AUDIT);
    }

    static void requireModify(AclTree acl, AuthService.Caller caller, SyncRequest j) {
        String target = target(j);
        require(acl, caller, target, DATASTORE_BACKUP);
        if (j.remote() == null) {
            require(acl, caller, source(j), DATASTORE_READ);
        } else {
            require(acl, caller, RemoteService.aclPath(j.remote()) + "/" + j.remoteStore(), REMOTE_READ);
        }
        if (j.isRemoveVanished()) {
            require(acl, caller, target, DATASTORE_PRUNE);
        }
        String owner = j.effectiveOwner();
        boolean own = owner.equals(caller.authId())
                || !caller.isToken() && owner.startsWith(caller.authId() + "!");
        if (!own) {
            require(acl, caller, target, DATASTORE_MODIFY);
        }
    }

    private static String target(SyncRequest j) {
        return NamespaceAccess.aclPath(j.store(), SnapshotSelector.parseNamespace("ns", j.ns()));
    }

    private static String source(SyncRequest j) {
        return NamespaceAccess.aclPath(j.remoteStore(), SnapshotSelector.parseNamespace("remote-ns", j.remoteNs()));
    }

    private static boolean has(AclTree acl, AuthService.Caller caller, String path, Privilege p) {
        return acl.privileges(caller.authId(), path).hasAny(Privilege.mask(p));
    }

    private static void require(AclTree acl, AuthService.Caller caller, String path, Privilege p) {
        if (!has(acl, caller, path, p)) {
            throw NamespaceAccess.forbidden(Privilege.mask(p), path);
        }
    }
}
