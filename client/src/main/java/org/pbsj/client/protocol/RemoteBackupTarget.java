package org.pbsj.client.protocol;

import java.util.List;
import java.util.Optional;

import org.pbsj.core.client.BackupTarget;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.protocol.BackupClient;
import org.pbsj.protocol.SessionEndpoint;

/** {@link BackupTarget} over the PBS backup protocol: an adapter of {@link BackupClient}. */
public final class RemoteBackupTarget implements BackupTarget {
    public static final String PROTOCOL = BackupClient.PROTOCOL;

    private final BackupClient client;

    private RemoteBackupTarget(BackupClient client) {
        this.client = client;
    }

    /** Opens a backup session on {@code store} for {@code snapshot}. */
    public static RemoteBackupTarget open(SessionEndpoint endpoint, String store, BackupDir snapshot, boolean benchmark) {
        return new RemoteBackupTarget(BackupClient.open(endpoint, store, snapshot, benchmark));
    }

    @Override
    public BackupDir snapshot() {
        return client.snapshot();
    }

    @Override
    public Optional<Long> previousBackupTime() {
        return client.previousBackupTime();
    }

    @Override
    public byte[] downloadPrevious(String archiveName) {
        return client.downloadPrevious(archiveName);
    }

    @Override
    public int createDynamicIndex(String archiveName) {
        return client.createDynamicIndex(archiveName);
    }

    @Override
    public int createFixedIndex(String archiveName, long size, String reuseCsum) {
        return client.createFixedIndex(archiveName, size, reuseCsum);
    }

    @Override
    public void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] encodedBlob) {
        client.uploadChunk(fixed, wid, digest, size, encodedBlob);
    }

    @Override
    public void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets) {
        client.append(fixed, wid, digests, offsets);
    }

    @Override
    public void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum) {
        client.closeIndex(fixed, wid, chunkCount, size, csum);
    }

    @Override
    public void uploadBlob(String fileName, byte[] encodedBlob) {
        client.uploadBlob(fileName, encodedBlob);
    }

    @Override
    public void finish() {
        client.finish();
    }

    /** Closing the connection before finish makes the server remove the snapshot. */
    @Override
    public void close() {
        client.close();
    }

    public boolean isFinished() {
        return client.isFinished();
    }
}
