package org.pbsj.server.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.AclPaths;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.auth.Role;
import org.pbsj.server.domain.AclEntry;
import org.pbsj.server.domain.ApiToken;
import org.pbsj.server.domain.UserAccount;

/**
 * {@code GET/PUT /access/acl} ({@code rest-api.md} §4.2): reading and editing ACL entries with
 * PBS's rules. Auditors see everything, others only the entries of their own tokens; editing
 * needs Permissions.Modify, or is limited to one's own tokens.
 */
@Stateless
public class AclService {
    private static final String ACL_PATH = "/access/acl";

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    AuthService auth;

    /** AclListItem (users only: groups are not supported). */
    public record AclItem(String path, String ugid, boolean propagate, String roleid) {
    }

    /** The list and its digest (the optimistic-locking token of {@code PUT}). */
    public record AclList(List<AclItem> items, String digest) {
    }

    /** What {@code PUT /access/acl} asks for. */
    public record AclUpdate(String path, String role, Boolean propagate, String authId, String group, boolean delete,
            String digest) {
    }

    public AclList read(AuthService.Caller caller, String path, boolean exact) {
        if (path != null && !AclPaths.validSyntax(path)) {
            throw ServiceException.badRequest("parameter verification errors\n\npath: value does not match the regex pattern");
        }
        boolean audit = permissions.privileges(caller, ACL_PATH).hasAny(Privilege.mask(Privilege.SYS_AUDIT));
        List<AclEntry> all = entries();
        List<AclItem> items = all.stream()
                .filter(e -> path == null || below(e.getPath(), path, exact))
                .filter(e -> audit || ownToken(e.getAuthId(), caller))
                .map(e -> new AclItem(e.getPath(), e.getAuthId(), e.isPropagate(), e.getRole()))
                .toList();
        return new AclList(items, digest(all));
    }

    public void update(AuthService.Caller caller, AclUpdate u) {
        if (u.path() == null || !AclPaths.validSyntax(u.path())) {
            throw ServiceException.badRequest("parameter verification errors\n\npath: " + (u.path() == null
                    ? "parameter is missing and it is not optional." : "value does not match the regex pattern"));
        }
        Role role = Role.byName(u.role() == null ? "" : u.role()).orElseThrow(() -> ServiceException.badRequest(
                "parameter verification errors\n\nrole: value '" + u.role() + "' is not defined in the enumeration."));
        if (u.authId() != null && !SnapshotAdminService.AUTHID.matcher(u.authId()).matches()) {
            throw ServiceException.badRequest("parameter verification errors\n\nauth-id: value does not match the regex pattern");
        }
        boolean modify = permissions.privileges(caller, ACL_PATH).hasAny(Privilege.mask(Privilege.PERMISSIONS_MODIFY));
        if (!modify) {
            requireOwnTokenEdit(caller, u);
        }
        List<AclEntry> all = entries();
        if (u.digest() != null && !u.digest().equalsIgnoreCase(digest(all))) {
            throw ServiceException.badRequest("detected modified configuration - file changed by other user? Try again.");
        }
        if (u.group() != null) {
            throw ServiceException.badRequest("parameter 'group' - groups are currently not supported.");
        }
        if (u.authId() == null) {
            throw ServiceException.badRequest("missing 'userid' or 'group' parameters.");
        }
        String authId = u.authId();
        if (!u.delete() && !exists(authId)) {
            throw ServiceException.badRequest("no such " + (new AuthService.Caller(authId).isToken() ? "API token" : "user") + ".");
        }
        List<AclEntry> here = all.stream().filter(e -> e.getPath().equals(u.path()) && e.getAuthId().equals(authId)).toList();
        if (u.delete()) {
            here.stream().filter(e -> e.getRole().equals(role.pbsName())).forEach(em::remove);
            return;
        }
        if (!AclPaths.settable(u.path())) {
            throw ServiceException.badRequest("invalid acl path '" + u.path() + "'.");
        }
        boolean propagate = u.propagate() == null || u.propagate();
        // NoAccess replaces every other role of the auth id on the node, and any other role replaces NoAccess
        for (AclEntry e : here) {
            boolean noAccessConflict = role == Role.NO_ACCESS || e.getRole().equals(Role.NO_ACCESS.pbsName());
            if (noAccessConflict || e.getRole().equals(role.pbsName())) {
                em.remove(e);
            }
        }
        em.flush(); // the unique (path, auth id, role) row must be gone before its replacement
        permissions.grant(u.path(), authId, role, propagate);
    }

    /** Without Permissions.Modify a user may only set entries for his own tokens. */
    private static void requireOwnTokenEdit(AuthService.Caller caller, AclUpdate u) {
        if (u.group() != null) {
            throw ServiceException.badRequest("Unprivileged users are not allowed to create group ACL item.");
        }
        if (u.authId() == null) {
            throw ServiceException.badRequest("Unprivileged user needs to provide auth_id to update ACL item.");
        }
        AuthService.Caller target = new AuthService.Caller(u.authId());
        if (caller.isToken()) {
            throw ServiceException.badRequest("Unprivileged API tokens can't set ACL items.");
        }
        if (!target.isToken()) {
            throw ServiceException.badRequest("Unprivileged users can only set ACL items for API tokens.");
        }
        if (!target.userid().equals(caller.userid())) {
            throw ServiceException.badRequest("Unprivileged users can only set ACL items for their own API tokens.");
        }
    }

    private boolean exists(String authId) {
        AuthService.Caller c = new AuthService.Caller(authId);
        if (c.isToken()) {
            return em.find(ApiToken.class, authId) != null;
        }
        return AuthService.SUPERUSER.equals(authId) || em.find(UserAccount.class, authId) != null;
    }

    private static boolean ownToken(String authId, AuthService.Caller caller) {
        AuthService.Caller c = new AuthService.Caller(authId);
        return c.isToken() && c.userid().equals(caller.userid());
    }

    /** {@code exact}: only the node itself; otherwise the node and everything below it. */
    private static boolean below(String entryPath, String path, boolean exact) {
        List<String> e = AclTree.components(entryPath);
        List<String> p = AclTree.components(path);
        if (exact) {
            return e.equals(p);
        }
        return e.size() >= p.size() && e.subList(0, p.size()).equals(p);
    }

    private List<AclEntry> entries() {
        return em.createQuery("select a from AclEntry a", AclEntry.class).getResultList().stream()
                .sorted(Comparator.comparing(AclEntry::getPath).thenComparing(AclEntry::getAuthId)
                        .thenComparing(AclEntry::getRole))
                .toList();
    }

    /** SHA-256 over acl.cfg-style lines of all entries in a fixed order (there is no file to hash). */
    private static String digest(List<AclEntry> sorted) {
        StringBuilder sb = new StringBuilder();
        for (AclEntry e : sorted) {
            sb.append("acl:").append(e.isPropagate() ? 1 : 0).append(':').append(e.getPath()).append(':')
                    .append(e.getAuthId()).append(':').append(e.getRole()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
