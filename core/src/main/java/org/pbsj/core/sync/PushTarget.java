package org.pbsj.core.sync;

import java.util.List;

import org.pbsj.core.client.BackupTarget;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;

/**
 * Where a push sync writes to: a datastore of a remote server, reached through its REST API
 * (listings, namespace creation, removals) and the backup protocol (one session per snapshot).
 * The counterpart of {@link SyncSource}; tests implement it over a local datastore.
 */
public interface PushTarget extends AutoCloseable {

    /** A group of the target and its owner (null if unknown). */
    record TargetGroup(BackupGroup group, String owner) {
    }

    /** A snapshot of the target; unfinished ones have no manifest yet. */
    record TargetSnapshot(BackupDir dir, boolean finished, boolean isProtected) {
    }

    /** The user the target's backup sessions run as: the owner of the groups this push creates. */
    String authId();

    /** All namespaces of the target datastore, the root included. */
    List<BackupNamespace> namespaces();

    /** Creates one namespace whose parent exists. */
    void createNamespace(BackupNamespace ns);

    /** The groups of a target namespace with their owners. */
    List<TargetGroup> groups(BackupNamespace ns);

    /** The snapshots of a target group, in any order (none if the group does not exist). */
    List<TargetSnapshot> snapshots(BackupGroup group);

    /**
     * Opens a backup session for {@code dir} (a new snapshot with exactly this type, id and time);
     * its base is the group's newest finished snapshot on the target.
     */
    BackupTarget startBackup(BackupDir dir);

    /** Deletes an unprotected snapshot. */
    void removeSnapshot(BackupDir dir);

    /** Deletes a group's unprotected snapshots; false if protected ones kept the group. */
    boolean removeGroup(BackupGroup group);

    /** Deletes a namespace with its groups; false if protected snapshots kept it. */
    boolean removeNamespace(BackupNamespace ns);

    @Override
    void close();
}
