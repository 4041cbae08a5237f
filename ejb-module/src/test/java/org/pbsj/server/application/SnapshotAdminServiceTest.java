package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The owner-change table for callers with Datastore.Backup only (PBS {@code set_backup_owner}). */
class SnapshotAdminServiceTest {
    @Test
    void limitedCallersMoveGroupsOnlyBetweenThemselvesAndTheirTokens() {
        assertTrue(SnapshotAdminService.limitedChangeAllowed("u@pbs", "u@pbs!t", "u@pbs"));
        assertTrue(SnapshotAdminService.limitedChangeAllowed("u@pbs!t", "u@pbs", "u@pbs"));
        assertTrue(SnapshotAdminService.limitedChangeAllowed("u@pbs!t", "u@pbs!t2", "u@pbs"));
        assertFalse(SnapshotAdminService.limitedChangeAllowed("u@pbs", "v@pbs", "u@pbs"));
        assertFalse(SnapshotAdminService.limitedChangeAllowed("u@pbs", "v@pbs!t", "u@pbs"));
        assertFalse(SnapshotAdminService.limitedChangeAllowed("v@pbs!t", "u@pbs", "u@pbs"));
        assertFalse(SnapshotAdminService.limitedChangeAllowed("u@pbs!t", "u@pbs!t2", "u@pbs!t"));
        assertFalse(SnapshotAdminService.limitedChangeAllowed("u@pbs!t", "v@pbs!t", "u@pbs"));
    }

    @Test
    void authIdsAreUserOrToken() {
        assertTrue(SnapshotAdminService.AUTHID.matcher("john@pbs").matches());
        assertTrue(SnapshotAdminService.AUTHID.matcher("john@pbs!backup").matches());
        assertFalse(SnapshotAdminService.AUTHID.matcher("john").matches());
        assertFalse(SnapshotAdminService.AUTHID.matcher("john@pbs!../x").matches());
        assertFalse(SnapshotAdminService.AUTHID.matcher("jo hn@pbs").matches());
    }
}
