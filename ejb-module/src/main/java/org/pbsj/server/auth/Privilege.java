package org.pbsj.server.auth;

/**
 * PBS 3.2.4 privileges, in bit order ({@code access-control.md} §3), and the three
 * {@code Remote.Datastore*} privileges PBS 3.3 added for push sync (bits 20–22).
 */
public enum Privilege {
    SYS_AUDIT("Sys.Audit"),
    SYS_MODIFY("Sys.Modify"),
    SYS_POWER_MANAGEMENT("Sys.PowerManagement"),
    DATASTORE_AUDIT("Datastore.Audit"),
    DATASTORE_ALLOCATE("Datastore.Allocate"),
    DATASTORE_MODIFY("Datastore.Modify"),
    DATASTORE_READ("Datastore.Read"),
    DATASTORE_VERIFY("Datastore.Verify"),
    DATASTORE_BACKUP("Datastore.Backup"),
    DATASTORE_PRUNE("Datastore.Prune"),
    PERMISSIONS_MODIFY("Permissions.Modify"),
    REMOTE_AUDIT("Remote.Audit"),
    REMOTE_MODIFY("Remote.Modify"),
    REMOTE_READ("Remote.Read"),
    SYS_CONSOLE("Sys.Console"),
    TAPE_AUDIT("Tape.Audit"),
    TAPE_MODIFY("Tape.Modify"),
    TAPE_WRITE("Tape.Write"),
    TAPE_READ("Tape.Read"),
    REALM_ALLOCATE("Realm.Allocate"),
    REMOTE_DATASTORE_BACKUP("Remote.DatastoreBackup"),
    REMOTE_DATASTORE_MODIFY("Remote.DatastoreModify"),
    REMOTE_DATASTORE_PRUNE("Remote.DatastorePrune");

    private final String pbsName;

    Privilege(String pbsName) {
        this.pbsName = pbsName;
    }

    public String pbsName() {
        return pbsName;
    }

    public long bit() {
        return 1L << ordinal();
    }

    public static long mask(Privilege... privs) {
        long m = 0;
        for (Privilege p : privs) {
            m |= p.bit();
        }
        return m;
    }
}
