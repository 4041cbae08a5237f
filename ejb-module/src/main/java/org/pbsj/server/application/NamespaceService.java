package org.pbsj.server.application;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.InvalidNameException;
import org.pbsj.core.datastore.Names;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;

/**
 * Namespaces of a datastore ({@code rest-api.md} §4.3): listing filtered by the privileges on
 * each namespace, creation and removal with Datastore.Modify on the parent.
 */
@Stateless
public class NamespaceService {
    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;

    /**
     * {@code parent} and its descendants down to {@code maxDepth} levels, those the caller has any
     * of Audit/Modify/Read/Backup on. Without rights on the parent, an empty answer (or a missing
     * parent) is a 403 so that the existence of namespaces does not leak.
     */
    public List<BackupNamespace> list(AuthService.Caller caller, String store, String parent, Long maxDepth) {
        String name = SnapshotSelector.namespace(store, null).storeName();
        BackupNamespace p = SnapshotSelector.parseNamespace("parent", parent);
        if (maxDepth != null && (maxDepth < 0 || maxDepth > BackupNamespace.MAX_DEPTH)) {
            throw ServiceException.badRequest("parameter verification errors\n\nmax-depth: value must be in 0.."
                    + BackupNamespace.MAX_DEPTH);
        }
        int depth = maxDepth == null ? BackupNamespace.MAX_DEPTH : maxDepth.intValue();
        AclTree acl = permissions.tree();
        boolean parentAccess = acl.privileges(caller.authId(), NamespaceAccess.aclPath(name, p))
                .hasAny(NamespaceAccess.NS_PRIVS_OK);
        Datastore ds = datastores.lookup(name);
        if (!ds.namespaceExists(p)) {
            if (!parentAccess) {
                throw forbidden(name, p);
            }
            throw ServiceException.notFound("namespace '" + p + "' does not exist");
        }
        List<BackupNamespace> visible = CoreErrors.call(() -> ds.listNamespacesRecursive(p, depth)).stream()
                .filter(ns -> acl.privileges(caller.authId(), NamespaceAccess.aclPath(name, ns))
                        .hasAny(NamespaceAccess.NS_PRIVS_OK))
                .toList();
        if (visible.isEmpty() && !parentAccess) {
            throw forbidden(name, p);
        }
        return visible;
    }

    /** Creates {@code parent/name}; an existing namespace is not an error (PBS: mkdir -p). */
    public BackupNamespace create(AuthService.Caller caller, String store, String parent, String childName) {
        String name = SnapshotSelector.namespace(store, null).storeName();
        BackupNamespace p = SnapshotSelector.parseNamespace("parent", parent);
        if (childName == null) {
            throw SnapshotSelector.missing("name");
        }
        BackupNamespace ns;
        try {
            Names.requireSafeId("namespace name", childName);
            ns = p.child(childName);
        } catch (InvalidNameException e) {
            throw SnapshotSelector.invalid("name", e);
        }
        requireModifyOnParent(caller, name, ns);
        Datastore ds = datastores.lookup(name);
        if (!ds.namespaceExists(p)) {
            throw ServiceException.badRequest("cannot create new namespace, parent " + p + " doesn't already exists");
        }
        CoreErrors.run(() -> ds.createNamespace(ns));
        return ns;
    }

    /** Removes a namespace and its children; with {@code deleteGroups} their groups too. */
    public void delete(AuthService.Caller caller, String store, String nsText, boolean deleteGroups) {
        String name = SnapshotSelector.namespace(store, null).storeName();
        if (nsText == null) {
            throw SnapshotSelector.missing("ns");
        }
        BackupNamespace ns = SnapshotSelector.parseNamespace("ns", nsText);
        if (ns.isRoot()) {
            throw ServiceException.badRequest("cannot delete the root namespace");
        }
        requireModifyOnParent(caller, name, ns);
        Datastore ds = datastores.lookup(name);
        if (!ds.namespaceExists(ns)) {
            throw ServiceException.notFound("namespace '" + ns + "' does not exist");
        }
        boolean removed = CoreErrors.call(() -> ds.removeNamespace(ns, deleteGroups));
        if (!removed) {
            throw ServiceException.badRequest(deleteGroups
                    ? "group only partially deleted due to protected snapshots"
                    : "only partially deleted due to existing groups but `delete-groups` not true");
        }
    }

    private void requireModifyOnParent(AuthService.Caller caller, String store, BackupNamespace ns) {
        String path = NamespaceAccess.aclPath(store, ns.parent());
        if (!permissions.tree().privileges(caller.authId(), path).hasAny(Privilege.mask(Privilege.DATASTORE_MODIFY))) {
            throw NamespaceAccess.forbidden(Privilege.mask(Privilege.DATASTORE_MODIFY), path);
        }
    }

    private static ServiceException forbidden(String store, BackupNamespace ns) {
        return NamespaceAccess.forbidden(NamespaceAccess.NS_PRIVS_OK, NamespaceAccess.aclPath(store, ns));
    }
}
