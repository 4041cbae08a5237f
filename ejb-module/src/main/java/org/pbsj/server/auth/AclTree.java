package org.pbsj.server.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PBS's ACL evaluation ({@code access-control.md} §5.3), as a pure function of the ACL entries:
 * the most specific node on the path that has any applicable entry for the auth id wins,
 * {@code NoAccess} overrides, tokens get the intersection with their user's privileges.
 */
public final class AclTree {
    public static final String SUPERUSER = "root@pam";

    /** One ACL entry: {@code role} for {@code authId} on {@code path}. */
    public record Entry(String path, String authId, Role role, boolean propagate) {
    }

    /** Privileges at a path: all that apply there, and those that also apply below. */
    public record Privs(long privs, long propagated) {
        public boolean hasAll(long mask) {
            return (privs & mask) == mask;
        }

        public boolean hasAny(long mask) {
            return (privs & mask) != 0;
        }
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final Map<String, Map<Role, Boolean>> users = new HashMap<>();
    }

    private final Node root = new Node();

    public AclTree(List<Entry> entries) {
        for (Entry e : entries) {
            Node n = root;
            for (String c : components(e.path())) {
                n = n.children.computeIfAbsent(c, k -> new Node());
            }
            n.users.computeIfAbsent(e.authId(), k -> new LinkedHashMap<>()).put(e.role(), e.propagate());
        }
    }

    public static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    public Privs privileges(String authId, String path) {
        if (SUPERUSER.equals(authId)) {
            return new Privs(-1L, -1L);
        }
        Privs own = fromRoles(roles(authId, components(path)));
        int bang = authId.lastIndexOf('!');
        if (bang > authId.lastIndexOf('@')) {
            Privs user = privileges(authId.substring(0, bang), path);
            return new Privs(own.privs & user.privs, own.propagated & user.propagated);
        }
        return own;
    }

    /** True if the auth id has any of {@code mask} at {@code path} or on any node below it. */
    public boolean anyPrivsBelow(String authId, String path, long mask) {
        if ((privileges(authId, path).propagated & mask) != 0) {
            return true;
        }
        Node n = root;
        List<String> comps = components(path);
        for (String c : comps) {
            n = n.children.get(c);
            if (n == null) {
                return false;
            }
        }
        return anyBelow(n, authId, path.endsWith("/") ? path : path + "/", mask);
    }

    private boolean anyBelow(Node node, String authId, String prefix, long mask) {
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            String childPath = prefix + child.getKey();
            if (child.getValue().users.containsKey(authId)
                    && privileges(authId, childPath).hasAny(mask)) {
                return true;
            }
            if (anyBelow(child.getValue(), authId, childPath + "/", mask)) {
                return true;
            }
        }
        return false;
    }

    private Map<Role, Boolean> roles(String authId, List<String> comps) {
        Node node = root;
        Map<Role, Boolean> result = extract(root, authId, comps.isEmpty());
        for (int i = 0; i < comps.size(); i++) {
            node = node.children.get(comps.get(i));
            if (node == null) {
                return result;
            }
            Map<Role, Boolean> m = extract(node, authId, i == comps.size() - 1);
            if (!m.isEmpty()) {
                result = m;
            }
        }
        return result;
    }

    private static Map<Role, Boolean> extract(Node node, String authId, boolean leaf) {
        Map<Role, Boolean> roles = node.users.getOrDefault(authId, Map.of());
        Map<Role, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<Role, Boolean> e : roles.entrySet()) {
            if (e.getValue() || leaf) {
                if (e.getKey() == Role.NO_ACCESS) {
                    return Map.of(Role.NO_ACCESS, false);
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static Privs fromRoles(Map<Role, Boolean> roles) {
        long privs = 0;
        long propagated = 0;
        for (Map.Entry<Role, Boolean> e : roles.entrySet()) {
            privs |= e.getKey().privileges();
            if (e.getValue()) {
                propagated |= e.getKey().privileges();
            }
        }
        return new Privs(privs, propagated);
    }
}
