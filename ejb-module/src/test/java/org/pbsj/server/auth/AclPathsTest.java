package org.pbsj.server.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AclPathsTest {
    @Test
    void settablePathsFollowTheTable() {
        for (String p : new String[] {"/", "/access", "/access/acl", "/access/openid/realm1", "/datastore",
                "/datastore/store1", "/datastore/store1/a/b/c/d/e/f/g", "/remote/r1/s1", "/system/network/interfaces/eth0",
                "/system/services/proxy", "/tape/pool/p1"}) {
            assertTrue(AclPaths.settable(p), p);
        }
        for (String p : new String[] {"/nowhere", "/access/acl/x", "/datastore/s/a/b/c/d/e/f/g/h", "/remote/a/b/1/2/3/4/5/6/7/8",
                "/system/foo", "/system/tasks/x", "/tape/drive/d1"}) {
            assertFalse(AclPaths.settable(p), p);
        }
    }

    @Test
    void syntaxRejectsTraversalAndEmptyComponents() {
        for (String p : new String[] {"", "datastore", "/datastore/", "/datastore//x", "/datastore/../etc", "/.hidden",
                "/a b", "/" + "x".repeat(128)}) {
            assertFalse(AclPaths.validSyntax(p), p);
        }
    }
}
