package org.pbsj.server.auth;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ACL path rules ({@code access-control.md} §5.1): the syntax every path must have, and the
 * paths an entry may be created on (PBS {@code check_acl_path}).
 */
public final class AclPaths {
    public static final Pattern SYNTAX = Pattern.compile("/|(/[A-Za-z0-9_][A-Za-z0-9._\\-]*)+");
    public static final int MAX_LENGTH = 128;
    /** Namespace depth limit under {@code /datastore/{store}}. */
    static final int MAX_NAMESPACE_DEPTH = 7;
    private static final Set<String> SYSTEM_LEAVES =
            Set.of("certificates", "disks", "log", "notifications", "status", "tasks", "time");

    private AclPaths() {
    }

    public static boolean validSyntax(String path) {
        return path != null && !path.isEmpty() && path.length() <= MAX_LENGTH && SYNTAX.matcher(path).matches();
    }

    /** True for the paths of the §5.1 table, which are the only ones ACL entries may be set on. */
    public static boolean settable(String path) {
        if (!validSyntax(path)) {
            return false;
        }
        List<String> c = AclTree.components(path);
        int n = c.size();
        if (n == 0) {
            return true;
        }
        return switch (c.get(0)) {
            case "access" -> n == 1 || n == 2 && Set.of("acl", "users", "domains", "openid").contains(c.get(1))
                    || n == 3 && c.get(1).equals("openid");
            case "datastore" -> n <= 2 + MAX_NAMESPACE_DEPTH;
            case "remote" -> n <= 3 + MAX_NAMESPACE_DEPTH; // PBS 3.3: /remote/{remote}/{store}/{ns...}
            case "system" -> n == 1 || system(c);
            case "tape" -> n == 1 || n <= 3 && Set.of("device", "pool", "job").contains(c.get(1));
            default -> false;
        };
    }

    private static boolean system(List<String> c) {
        int n = c.size();
        String second = c.get(1);
        if (SYSTEM_LEAVES.contains(second)) {
            return n == 2;
        }
        if (second.equals("services")) {
            return n <= 3;
        }
        if (second.equals("network")) {
            return n == 2 || n == 3 && c.get(2).equals("dns") || n <= 4 && c.get(2).equals("interfaces");
        }
        return false;
    }
}
