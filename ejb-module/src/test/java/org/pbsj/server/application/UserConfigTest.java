package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Role;

/** The user.cfg rendering behind the digest, and the permission map of an ACL tree. */
class UserConfigTest {
    static final UserService.UserInfo JOHN = new UserService.UserInfo("john@pbs", "Some text", true, 0,
            "John", "Doe", "john@example.com");
    static final TokenService.TokenInfo TOKEN = new TokenService.TokenInfo("john@pbs!backup", "backup",
            "token for PVE", true, 1735689600L);

    @Test
    void rendersUserCfgSections() {
        assertEquals("user: john@pbs\n\tcomment Some text\n\temail john@example.com\n\tfirstname John\n\tlastname Doe\n\n"
                + "token: john@pbs!backup\n\tcomment token for PVE\n\texpire 1735689600\n\n",
                UserConfig.render(List.of(JOHN), List.of(TOKEN)));
        UserService.UserInfo disabled = new UserService.UserInfo("x@pbs", null, false, 5, null, null, null);
        assertEquals("user: x@pbs\n\tenable false\n\texpire 5\n\n", UserConfig.render(List.of(disabled), List.of()));
    }

    @Test
    void digestIsSha256OfTheTextAndChangesWithIt() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", UserConfig.digest(""));
        assertNotEquals(UserConfig.digest(UserConfig.render(List.of(JOHN), List.of())),
                UserConfig.digest(UserConfig.render(List.of(JOHN), List.of(TOKEN))));
    }

    @Test
    void permissionMapListsPrivilegesWithPropagateFlagAndSkipsEmptyPaths() {
        AclTree tree = new AclTree(List.of(new AclTree.Entry("/datastore", "a@pbs", Role.DATASTORE_AUDIT_ROLE, true),
                new AclTree.Entry("/datastore/s1", "a@pbs", Role.DATASTORE_BACKUP_ROLE, false)));
        assertEquals(Map.of("/datastore", Map.of("Datastore.Audit", true), "/datastore/s1", Map.of("Datastore.Backup", false)),
                PermissionListing.describe(tree, "a@pbs", List.of("/", "/datastore", "/datastore/s1")));
        assertEquals(List.of("/a", "/a/b", "/a/b/c"), PermissionListing.nodePaths("/a/b/c"));
        assertEquals(List.of(), PermissionListing.nodePaths("/"));
    }
}
