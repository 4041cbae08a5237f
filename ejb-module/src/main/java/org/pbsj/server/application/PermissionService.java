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

    public void grant(String path, String authId, Role role, boolean propagate) {
        em.persist(new AclEntry(path, authId, role.pbsName(), propagate));
    }
}
