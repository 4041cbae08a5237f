package org.pbsj.server.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Identities;
import org.pbsj.server.auth.Privilege;

/**
 * {@code GET /access/permissions} ({@code rest-api.md} §4.2): the privileges of an auth id per
 * ACL path, with their propagate flag. Callers see their own and their own tokens' permissions;
 * others' need {@code Sys.Audit} on {@code /access}.
 */
@Stateless
public class PermissionListing {
    /** Paths listed even when no ACL entry exists on them. */
    static final List<String> DEFAULT_PATHS = List.of("/", "/access", "/datastore", "/remote", "/system");
    static final Pattern ACL_PATH = Pattern.compile("^(?:/|(?:/[A-Za-z0-9_][A-Za-z0-9._\\-]*)+)$");

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;

    public Map<String, Map<String, Boolean>> list(AuthService.Caller caller, String authId, String path) {
        String target = authId == null ? caller.authId() : authId;
        if (!Identities.isAuthId(target)) {
            throw ServiceException.badRequest("parameter verification errors\n\nauth-id: value does not match the regex pattern");
        }
        if (path != null && (path.length() > 128 || !ACL_PATH.matcher(path).matches())) {
            throw ServiceException.badRequest("parameter verification errors\n\npath: value does not match the regex pattern");
        }
        AclTree tree = permissions.tree();
        if (!target.equals(caller.authId())) {
            boolean audit = tree.privileges(caller.authId(), "/access").hasAny(Privilege.SYS_AUDIT.bit());
            boolean ownToken = Identities.isToken(target) && !caller.isToken()
                    && Identities.userOf(target).equals(caller.userid());
            if (!audit && !ownToken) {
                throw new ServiceException(ServiceException.Kind.FORBIDDEN, "not allowed to list permissions of " + target);
            }
        }
        TreeSet<String> paths = new TreeSet<>();
        if (path != null) {
            paths.add(path);
        } else {
            paths.addAll(DEFAULT_PATHS);
            for (String p : em.createQuery("select distinct a.path from AclEntry a", String.class).getResultList()) {
                paths.addAll(nodePaths(p));
            }
        }
        return describe(tree, target, paths);
    }

    /** Every tree node a path creates: {@code /a/b} gives {@code /a} and {@code /a/b}. */
    static List<String> nodePaths(String path) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String c : AclTree.components(path)) {
            sb.append('/').append(c);
            out.add(sb.toString());
        }
        return out;
    }

    /** The privilege map of {@code authId} on each path; paths without privileges are left out. */
    static Map<String, Map<String, Boolean>> describe(AclTree tree, String authId, Iterable<String> paths) {
        Map<String, Map<String, Boolean>> out = new LinkedHashMap<>();
        for (String p : paths) {
            AclTree.Privs privs = tree.privileges(authId, p);
            if (privs.privs() == 0) {
                continue;
            }
            Map<String, Boolean> m = new LinkedHashMap<>();
            for (Privilege priv : Privilege.values()) {
                if ((privs.privs() & priv.bit()) != 0) {
                    m.put(priv.pbsName(), (privs.propagated() & priv.bit()) != 0);
                }
            }
            out.put(p, m);
        }
        return out;
    }
}
