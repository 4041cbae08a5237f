package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Role;

/** Sync job privileges (access-control.md §6) and the byte sizes of the rate parameters. */
class SyncAccessTest {
    private static final AuthService.Caller OP = new AuthService.Caller("op@pbs");

    private static SyncRequest job(String owner, boolean removeVanished) {
        return new SyncRequest("j1", "store2", null, owner, "offsite", "store1", null, removeVanished, null, null, null,
                null, null, null, null, null, null);
    }

    private static AclTree acl(AclTree.Entry... entries) {
        return new AclTree(List.of(entries));
    }

    @Test
    void runNeedsBackupOnTheTargetAndRemoteReadOnTheSourceStore() {
        AclTree ok = acl(new AclTree.Entry("/datastore/store2", "op@pbs", Role.DATASTORE_BACKUP_ROLE, true),
                new AclTree.Entry("/remote/offsite/store1", "op@pbs", Role.REMOTE_SYNC_OPERATOR, true));
        assertDoesNotThrow(() -> SyncAccess.requireModify(ok, OP, job("op@pbs", false)));
        assertDoesNotThrow(() -> SyncAccess.requireModify(ok, OP, job("op@pbs!token", false)), "own token as owner");
        ServiceException other = assertThrows(ServiceException.class,
                () -> SyncAccess.requireModify(ok, OP, job(null, false)), "root@pam as owner needs Modify");
        assertTrue(other.getMessage().contains("Datastore.Modify"), other.getMessage());
        assertThrows(ServiceException.class, () -> SyncAccess.requireModify(ok, OP, job("op@pbs", true)),
                "remove-vanished needs Prune");
        AclTree noRemote = acl(new AclTree.Entry("/datastore/store2", "op@pbs", Role.DATASTORE_POWER_USER, true));
        assertThrows(ServiceException.class, () -> SyncAccess.requireModify(noRemote, OP, job("op@pbs", false)));
    }

    @Test
    void readNeedsAuditOnBoth() {
        AclTree both = acl(new AclTree.Entry("/datastore", "op@pbs", Role.DATASTORE_AUDIT_ROLE, true),
                new AclTree.Entry("/remote", "op@pbs", Role.REMOTE_AUDIT_ROLE, true));
        assertTrue(SyncAccess.canRead(both, OP, job(null, false)));
        assertFalse(SyncAccess.canRead(acl(new AclTree.Entry("/datastore", "op@pbs", Role.DATASTORE_AUDIT_ROLE, true)),
                OP, job(null, false)));
    }

    private static SyncRequest push(String owner, boolean removeVanished) {
        return new SyncRequest("p1", "store1", "src", owner, "offsite", "store9", "dst", removeVanished, null, null, null,
                null, null, null, null, null, null, SyncRequest.PUSH);
    }

    @Test
    void pushNeedsRemoteDatastoreBackupOnTheRemoteNamespaceAndReadOnTheLocalSource() {
        AclTree ok = acl(new AclTree.Entry("/datastore/store1", "op@pbs", Role.DATASTORE_READER, true),
                new AclTree.Entry("/remote/offsite/store9/dst", "op@pbs", Role.REMOTE_SYNC_PUSH_OPERATOR, true),
                new AclTree.Entry("/remote/offsite", "op@pbs", Role.REMOTE_AUDIT_ROLE, false));
        assertDoesNotThrow(() -> SyncAccess.requireModify(ok, OP, push("op@pbs", false)));
        assertTrue(SyncAccess.canRead(ok, OP, push(null, false)));
        ServiceException prune = assertThrows(ServiceException.class,
                () -> SyncAccess.requireModify(ok, OP, push("op@pbs", true)), "remove-vanished needs Remote.DatastorePrune");
        assertTrue(prune.getMessage().contains("Remote.DatastorePrune"), prune.getMessage());
        AclTree wrongNs = acl(new AclTree.Entry("/datastore/store1", "op@pbs", Role.DATASTORE_READER, true),
                new AclTree.Entry("/remote/offsite/store9/other", "op@pbs", Role.REMOTE_DATASTORE_ADMIN, true));
        assertThrows(ServiceException.class, () -> SyncAccess.requireModify(wrongNs, OP, push("op@pbs", false)));

        AclTree backupOnly = acl(new AclTree.Entry("/datastore/store1", "op@pbs", Role.DATASTORE_BACKUP_ROLE, true),
                new AclTree.Entry("/datastore/store1", "op@pbs", Role.DATASTORE_AUDIT_ROLE, true),
                new AclTree.Entry("/remote/offsite/store9", "op@pbs", Role.REMOTE_DATASTORE_POWER_USER, true));
        assertDoesNotThrow(() -> SyncAccess.requireModify(backupOnly, OP, push("op@pbs", true)),
                "Datastore.Backup suffices for the owner's own job");
        assertThrows(ServiceException.class, () -> SyncAccess.requireModify(backupOnly, OP, push("other@pbs", false)),
                "somebody else's job needs Datastore.Read");
    }

    @Test
    void sizes() {
        assertEquals(1048576L, SyncRequest.parseSize("rate-in", "1048576"));
        assertEquals(10L * 1024 * 1024, SyncRequest.parseSize("rate-in", "10MiB"));
        assertEquals(1_500_000_000L, SyncRequest.parseSize("rate-in", "1.5 GB"));
        assertEquals(null, SyncRequest.parseSize("rate-in", null));
        assertThrows(ServiceException.class, () -> SyncRequest.parseSize("rate-in", "fast"));
    }
}
