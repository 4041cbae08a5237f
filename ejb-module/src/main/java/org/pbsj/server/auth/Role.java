package org.pbsj.server.auth;

import static org.pbsj.server.auth.Privilege.*;

import java.util.Optional;

/** PBS 3.2.4 roles and their privileges ({@code access-control.md} §4), plus PBS 3.3's push sync roles. */
public enum Role {
    ADMIN("Admin", -1L, "Administrator"),
    AUDIT("Audit", mask(SYS_AUDIT, DATASTORE_AUDIT), "Auditor"),
    NO_ACCESS("NoAccess", 0L, "Disable Access - overrides other roles."),
    DATASTORE_ADMIN("DatastoreAdmin", mask(DATASTORE_AUDIT, DATASTORE_MODIFY, DATASTORE_READ,
            DATASTORE_VERIFY, DATASTORE_BACKUP, DATASTORE_PRUNE), "Datastore Administrator"),
    DATASTORE_READER("DatastoreReader", mask(DATASTORE_AUDIT, DATASTORE_VERIFY, DATASTORE_READ),
            "Datastore Reader (inspect datastore content and do restores)"),
    DATASTORE_BACKUP_ROLE("DatastoreBackup", mask(DATASTORE_BACKUP), "Datastore Backup (backup and restore owned backups)"),
    DATASTORE_POWER_USER("DatastorePowerUser", mask(DATASTORE_PRUNE, DATASTORE_BACKUP),
            "Datastore PowerUser (backup, restore and prune owned backup)"),
    DATASTORE_AUDIT_ROLE("DatastoreAudit", mask(DATASTORE_AUDIT), "Datastore Auditor"),
    REMOTE_AUDIT_ROLE("RemoteAudit", mask(REMOTE_AUDIT), "Remote Auditor"),
    REMOTE_ADMIN("RemoteAdmin", mask(REMOTE_AUDIT, REMOTE_MODIFY, REMOTE_READ), "Remote Administrator"),
    REMOTE_SYNC_OPERATOR("RemoteSyncOperator", mask(REMOTE_AUDIT, REMOTE_READ), "Synchronization Operator"),
    REMOTE_SYNC_PUSH_OPERATOR("RemoteSyncPushOperator", mask(REMOTE_AUDIT, REMOTE_DATASTORE_BACKUP),
            "Synchronization Operator (push)"),
    REMOTE_DATASTORE_POWER_USER("RemoteDatastorePowerUser", mask(REMOTE_AUDIT, REMOTE_DATASTORE_BACKUP,
            REMOTE_DATASTORE_PRUNE), "Remote Datastore PowerUser (push, prune owned backups)"),
    REMOTE_DATASTORE_ADMIN("RemoteDatastoreAdmin", mask(REMOTE_AUDIT, REMOTE_DATASTORE_BACKUP, REMOTE_DATASTORE_MODIFY,
            REMOTE_DATASTORE_PRUNE), "Remote Datastore Administrator"),
    TAPE_AUDIT_ROLE("TapeAudit", mask(TAPE_AUDIT), "Tape Auditor"),
    TAPE_ADMIN("TapeAdmin", mask(TAPE_AUDIT, TAPE_MODIFY, TAPE_READ, TAPE_WRITE), "Tape Administrator"),
    TAPE_OPERATOR("TapeOperator", mask(TAPE_AUDIT, TAPE_READ, TAPE_WRITE), "Tape Operator"),
    TAPE_READER("TapeReader", mask(TAPE_AUDIT, TAPE_READ), "Tape Reader");

    private final String pbsName;
    private final long privileges;
    private final String comment;

    Role(String pbsName, long privileges, String comment) {
        this.pbsName = pbsName;
        this.privileges = privileges;
        this.comment = comment;
    }

    public String pbsName() {
        return pbsName;
    }

    public long privileges() {
        return privileges;
    }

    public String comment() {
        return comment;
    }

    public static Optional<Role> byName(String name) {
        for (Role r : values()) {
            if (r.pbsName.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
