package org.pbsj.server.application;

import java.util.ArrayList;
import java.util.List;

import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;

/**
 * The privilege pattern of the datastore admin API ({@code access-control.md} §6): privileges on
 * {@code /datastore/{store}[/{ns}]} give full access, limited (own groups only) access, or 403.
 */
final class NamespaceAccess {
    /** Any of these on a namespace makes it visible (PBS {@code NS_PRIVS_OK}). */
    static final long NS_PRIVS_OK = Privilege.mask(Privilege.DATASTORE_AUDIT, Privilege.DATASTORE_MODIFY,
            Privilege.DATASTORE_READ, Privilege.DATASTORE_BACKUP);

    private NamespaceAccess() {
    }

    /** ACL path of a namespace: {@code /datastore/s/a/b} (no {@code ns/} components). */
    static String aclPath(String store, BackupNamespace ns) {
        StringBuilder sb = new StringBuilder("/datastore/").append(store);
        ns.components().forEach(c -> sb.append('/').append(c));
        return sb.toString();
    }

    /**
     * PBS {@code check_ns_privs_full}: true if a {@code full} privilege is present, false if only
     * a {@code partial} one is (the caller must then own the group), else 403.
     */
    static boolean full(AclTree acl, AuthService.Caller caller, String store, BackupNamespace ns, long full,
            long partial) {
        String path = aclPath(store, ns);
        AclTree.Privs privs = acl.privileges(caller.authId(), path);
        if (full != 0 && privs.hasAny(full)) {
            return true;
        }
        if (partial != 0 && privs.hasAny(partial)) {
            return false;
        }
        throw forbidden(full | partial, path);
    }

    static ServiceException forbidden(long mask, String path) {
        List<String> names = new ArrayList<>();
        for (Privilege p : Privilege.values()) {
            if ((mask & p.bit()) != 0) {
                names.add(p.pbsName());
            }
        }
        return new ServiceException(ServiceException.Kind.FORBIDDEN,
                "permission check failed - missing " + String.join("|", names) + " on " + path);
    }

    /** The group's owner; 404 if the group (or its owner file) does not exist. */
    static String owner(Datastore ds, BackupGroup g) {
        return ds.owner(g).orElseThrow(() -> ServiceException.notFound(describe(g) + " does not exist"));
    }

    /** PBS {@code check_backup_owner}: a plain (400) error, as in PBS. */
    static void requireOwner(Datastore ds, BackupGroup g, AuthService.Caller caller) {
        String owner = owner(ds, g);
        if (!Datastore.ownerMatches(owner, caller.authId())) {
            throw ServiceException.badRequest("backup owner check failed (" + caller.authId() + " != " + owner + ")");
        }
    }

    /** The limited-access owner check, applied only when {@code full} is false. */
    static void requireOwnerUnlessFull(boolean full, Datastore ds, BackupGroup g, AuthService.Caller caller) {
        if (!full) {
            requireOwner(ds, g, caller);
        }
    }

    static String describe(BackupGroup g) {
        return "backup group '" + g + "'" + (g.ns().isRoot() ? "" : " in namespace '" + g.ns() + "'");
    }
}
