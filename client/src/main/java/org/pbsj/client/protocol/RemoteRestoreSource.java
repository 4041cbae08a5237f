package org.pbsj.client.protocol;

import org.pbsj.core.client.RestoreSource;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.protocol.ReaderClient;

/** {@link RestoreSource} over a reader session of the server: an adapter of {@link ReaderClient}. */
public final class RemoteRestoreSource implements RestoreSource {
    private final ReaderClient reader;

    public RemoteRestoreSource(ReaderClient reader) {
        this.reader = reader;
    }

    @Override
    public BackupDir snapshot() {
        return reader.snapshot();
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
