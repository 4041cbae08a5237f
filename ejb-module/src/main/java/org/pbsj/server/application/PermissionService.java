package org.pbsj.server.application;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.auth.Role;
import org.pbsj.server.domain.AclEntry;

/** Loads the ACLs and answers privilege checks with PBS's evaluation rules. */
@Stateless
public class PermissionService {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;

    public AclTree tree() {
        List<AclEntry> rows = em.createQuery("select a from AclEntry a", AclEntry.class).getResultList();
        return new AclTree(rows.stream()
                .map(a -> new AclTree.Entry(a.getPath(), a.getAuthId(),
                        Role.byName(a.getRole()).orElse(Role.NO_ACCESS), a.isPropagate()))
                .toList());
    }

    public AclTree.Privs privileges(AuthService.Caller caller, String path) {
        return tree().privileges(caller.authId(), path);
    }

    /** Requires every one of {@code privs} on {@code path}; 403 otherwise. */
    public void require(AuthService.Caller caller, String path, Privilege... privs) {
        if (!privileges(caller, path).hasAll(Privilege.mask(privs))) {
            throw ServiceException.forbidden();
        }
    }

    /** Requires at least one of {@code privs} on {@code path}. */
    public void requireAny(AuthService.Caller caller, String path, Privilege... privs) {
        if (!privileges(caller, path).hasAny(Privilege.mask(privs))) {
            throw ServiceException.forbidden();
        }
    }

    /**
     * Whether the caller has any of the privileges named (PBS names, e.g. {@code Datastore.Modify})
     * on {@code path}: for the GUI, which hides what the caller may not do. The services still
     * check every call.
     */
    public boolean hasAny(AuthService.Caller caller, String path, java.util.Collection<String> privilegeNames) {
        long mask = 0;
        for (Privilege p : Privilege.values()) {
            if (privilegeNames.contains(p.pbsName())) {
                mask |= p.bit();
            }
        }
        return privileges(caller, path).hasAny(mask);
    }

    /** The ACL path of a datastore namespace: {@code /datastore/{store}[/{ns components}]}. */
    public static String datastorePath(String store, String ns) {
        return NamespaceAccess.aclPath(store, SnapshotSelector.parseNamespace("ns", ns));
    }

    public void grant(String path, String authId, Role role, boolean propagate) {
        em.persist(new AclEntry(path, authId, role.pbsName(), propagate));
    }
}
