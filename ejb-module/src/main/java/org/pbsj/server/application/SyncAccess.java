package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_AUDIT;
import static org.pbsj.server.auth.Privilege.DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.DATASTORE_MODIFY;
import static org.pbsj.server.auth.Privilege.DATASTORE_PRUNE;
import static org.pbsj.server.auth.Privilege.DATASTORE_READ;
import static org.pbsj.server.auth.Privilege.REMOTE_AUDIT;
import static org.pbsj.server.auth.Privilege.REMOTE_DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.REMOTE_DATASTORE_PRUNE;
import static org.pbsj.server.auth.Privilege.REMOTE_READ;

import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;

/**
 * Sync job privileges ({@code access-control.md} §6): read needs Datastore.Audit on the target
 * and Remote.Audit on {@code /remote/{remote}}; modify and run need Datastore.Backup on the target,
 * Remote.Read on {@code /remote/{remote}/{remote-store}} (a local source: Datastore.Read on it),
 * Datastore.Prune with remove-vanished, and Datastore.Modify if the job's owner is neither the
 * caller nor one of the caller's tokens.
 *
 * <p>A push job (PBS 3.3) turns this around: read needs Datastore.Audit on the local source and
 * Remote.Audit on {@code /remote/{remote}}; modify and run need Remote.DatastoreBackup on
 * {@code /remote/{remote}/{remote-store}[/{remote-ns}]} (Remote.DatastorePrune with
 * remove-vanished), Datastore.Audit on the local source and Datastore.Read there, or
 * Datastore.Backup if the job's owner is the caller (then only the owner's groups are pushed).
 */
final class SyncAccess {
    private SyncAccess() {
    }

    static boolean canRead(AclTree acl, AuthService.Caller caller, SyncRequest j) {
        if (j.isPush()) {
            return has(acl, caller, target(j), DATASTORE_AUDIT)
                    && has(acl, caller, RemoteService.aclPath(j.remote()), REMOTE_AUDIT);
        }
        if (!has(acl, caller, target(j), DATASTORE_AUDIT)) {
            return false;
        }
        return j.remote() == null ? has(acl, caller, source(j), DATASTORE_AUDIT)
                : has(acl, caller, RemoteService.aclPath(j.remote()), REMOTE_AUDIT);
    }

    static void requireModify(AclTree acl, AuthService.Caller caller, SyncRequest j) {
        if (j.isPush()) {
            requirePush(acl, caller, j, isOwn(caller, j.effectiveOwner()), true);
            return;
        }
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
        if (!isOwn(caller, j.effectiveOwner())) {
            require(acl, caller, target, DATASTORE_MODIFY);
        }
    }

    /**
     * The push privileges: the remote path's Remote.DatastoreBackup (and Prune), and reading the
     * local source. {@code POST /push} ({@code audit} false) asks only for Datastore.Read or
     * Datastore.Backup there, as PBS does; the push then runs as the caller.
     */
    static void requirePush(AclTree acl, AuthService.Caller caller, SyncRequest j, boolean ownJob, boolean audit) {
        String remote = remoteAclPath(j);
        require(acl, caller, remote, REMOTE_DATASTORE_BACKUP);
        if (j.isRemoveVanished()) {
            require(acl, caller, remote, REMOTE_DATASTORE_PRUNE);
        }
        String source = target(j);
        if (audit) {
            require(acl, caller, source, DATASTORE_AUDIT);
        }
        AclTree.Privs privs = acl.privileges(caller.authId(), source);
        boolean read = privs.hasAny(Privilege.mask(DATASTORE_READ));
        boolean backup = privs.hasAny(Privilege.mask(DATASTORE_BACKUP));
        if (!read && !(backup && (ownJob || !audit))) {
            throw NamespaceAccess.forbidden(Privilege.mask(DATASTORE_READ, DATASTORE_BACKUP), source);
        }
    }

    /** {@code /remote/{remote}/{remote-store}[/{ns…}]}: PBS 3.3's ACL path of a remote datastore namespace. */
    static String remoteAclPath(String remote, String store, BackupNamespace ns) {
        return RemoteService.aclPath(remote) + "/" + store + (ns.isRoot() ? "" : "/" + ns);
    }

    private static String remoteAclPath(SyncRequest j) {
        return remoteAclPath(j.remote(), j.remoteStore(), SnapshotSelector.parseNamespace("remote-ns", j.remoteNs()));
    }

    /** The job's owner is the caller or one of the caller's tokens. */
    private static boolean isOwn(AuthService.Caller caller, String owner) {
        return owner.equals(caller.authId()) || !caller.isToken() && owner.startsWith(caller.authId() + "!");
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
