package org.pbsj.client.protocol;

import org.pbsj.client.backup.RestoreSource;
import org.pbsj.core.datastore.BackupDir;

/** {@link RestoreSource} over a reader session of the server. */
public final class RemoteRestoreSource implements RestoreSource {
    private final RemoteReader reader;
    private final BackupDir snapshot;

    RemoteRestoreSource(RemoteReader reader, BackupDir snapshot) {
        this.reader = reader;
        this.snapshot = snapshot;
    }

    @Override
    public BackupDir snapshot() {
        return snapshot;
    }

    @Override
    public byte[] download(String fileName) {
        return reader.download(fileName);
    }

    @Override
    public byte[] chunk(byte[] digest) {
        return reader.chunk(digest);
    }

    @Override
    public void close() {
        reader.close();
    }
}
