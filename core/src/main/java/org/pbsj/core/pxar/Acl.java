package org.pbsj.core.pxar;

import java.util.List;

/**
 * POSIX ACL as pxar stores it (§11): named user/group entries of the access ACL, the group-obj
 * permissions (only present when the access ACL has a mask; the mode's group bits then hold the
 * mask), and the default ACL of a directory. Permissions use {@code PxarFormat.ACL_READ} etc.
 */
public record Acl(List<Entry> users, List<Entry> groups, Long groupObj, Default defaultAcl,
        List<Entry> defaultUsers, List<Entry> defaultGroups) {

    public static final Acl EMPTY = new Acl(List.of(), List.of(), null, null, List.of(), List.of());

    public Acl {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        defaultUsers = List.copyOf(defaultUsers);
        defaultGroups = List.copyOf(defaultGroups);
    }

    /** A named user or group entry: uid/gid and permissions. */
    public record Entry(long id, long permissions) {
    }

    /** ACL_DEFAULT: the default ACL's base entries; {@code PxarFormat.ACL_NO_MASK} = not set. */
    public record Default(long userObj, long groupObj, long other, long mask) {
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty() && groupObj == null && defaultAcl == null
                && defaultUsers.isEmpty() && defaultGroups.isEmpty();
    }

    /** True if a default ACL (base or named entries) is present. */
    public boolean hasDefault() {
        return defaultAcl != null || !defaultUsers.isEmpty() || !defaultGroups.isEmpty();
    }
}
