package org.pbsj.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.server.auth.Privilege.*;

import java.util.List;

import org.junit.jupiter.api.Test;

class AclTreeTest {
    private static AclTree.Entry acl(String path, String who, Role role, boolean propagate) {
        return new AclTree.Entry(path, who, role, propagate);
    }

    @Test
    void mostSpecificNodeReplacesInheritedRoles() {
        AclTree t = new AclTree(List.of(
                acl("/", "john@pbs", Role.ADMIN, true),
                acl("/datastore/x", "john@pbs", Role.DATASTORE_READER, true)));
        assertEquals(-1L, t.privileges("john@pbs", "/datastore/y").privs());
        long reader = Role.DATASTORE_READER.privileges();
        assertEquals(reader, t.privileges("john@pbs", "/datastore/x").privs());
        assertEquals(reader, t.privileges("john@pbs", "/datastore/x/ns1/ns2").privs());
        assertFalse(t.privileges("john@pbs", "/datastore/x").hasAll(mask(DATASTORE_MODIFY)));
    }

    @Test
    void nonPropagatingEntriesApplyOnlyToTheirPath() {
        AclTree t = new AclTree(List.of(acl("/datastore/s", "a@pbs", Role.DATASTORE_BACKUP_ROLE, false)));
        assertTrue(t.privileges("a@pbs", "/datastore/s").hasAll(mask(DATASTORE_BACKUP)));
        assertEquals(0, t.privileges("a@pbs", "/datastore/s").propagated());
        assertEquals(0, t.privileges("a@pbs", "/datastore/s/ns").privs());
        assertEquals(0, t.privileges("a@pbs", "/").privs());
    }

    @Test
    void noAccessOverridesInheritedRoles() {
        AclTree t = new AclTree(List.of(
                acl("/", "a@pbs", Role.ADMIN, true),
                acl("/datastore/secret", "a@pbs", Role.NO_ACCESS, true)));
        assertEquals(0, t.privileges("a@pbs", "/datastore/secret").privs());
        assertEquals(0, t.privileges("a@pbs", "/datastore/secret/ns").privs());
        assertEquals(-1L, t.privileges("a@pbs", "/datastore/other").privs());
    }

    @Test
    void tokensGetTheIntersectionWithTheirUser() {
        AclTree t = new AclTree(List.of(
                acl("/datastore", "a@pbs", Role.DATASTORE_POWER_USER, true),
                acl("/", "a@pbs!t", Role.ADMIN, true)));
        assertEquals(Role.DATASTORE_POWER_USER.privileges(), t.privileges("a@pbs!t", "/datastore/s").privs());
        assertEquals(0, t.privileges("a@pbs!t", "/system").privs());
        assertEquals(0, new AclTree(List.of(acl("/", "a@pbs", Role.ADMIN, true))).privileges("a@pbs!t", "/").privs(),
                "a token never inherits its user's ACLs");
    }

    @Test
    void superuserHasEverythingAndAnyPrivsBelowSeesNamespaces() {
        AclTree t = new AclTree(List.of(acl("/datastore/s/a/b", "n@pbs", Role.DATASTORE_BACKUP_ROLE, true)));
        assertEquals(-1L, t.privileges("root@pam", "/anything").privs());
        assertTrue(t.anyPrivsBelow("n@pbs", "/datastore/s", mask(DATASTORE_BACKUP)));
        assertFalse(t.anyPrivsBelow("n@pbs", "/datastore/t", mask(DATASTORE_BACKUP)));
        assertFalse(t.anyPrivsBelow("n@pbs", "/datastore/s", mask(DATASTORE_MODIFY)));
    }
}
