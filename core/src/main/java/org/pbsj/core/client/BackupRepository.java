package org.pbsj.core.client;

import java.util.Optional;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;

/**
 * Where backups go and come from: a datastore directory of this machine
 * ({@link LocalRepository}) or a datastore on a server, reached through the backup and reader
 * protocols ({@code org.pbsj.client.protocol.RemoteRepository}).
 */
public interface BackupRepository extends AutoCloseable {

    /** Opens a backup session for a new snapshot. */
    BackupTarget startBackup(BackupDir dir);

    /** Opens a finished snapshot for reading. */
    RestoreSource openSnapshot(BackupDir dir);

    /** The newest finished snapshot of a group. */
    Optional<BackupDir> lastFinishedSnapshot(BackupGroup group);

    @Override
    void close();
}
