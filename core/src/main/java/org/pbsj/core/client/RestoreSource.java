package org.pbsj.core.client;

import org.pbsj.core.datastore.BackupDir;

/**
 * The reader protocol as the client sees it ({@code backup-protocol.md} §9.2): files of one
 * snapshot and the chunks their indexes reference, as stored (DataBlobs). Decoding, decryption
 * and all checks happen on the client. Thread-safe.
 */
public interface RestoreSource extends AutoCloseable {

    BackupDir snapshot();

    /** {@code GET /download?file-name=}: a blob or index file of the snapshot. */
    byte[] download(String fileName);

    /** {@code GET /chunk?digest=}: the encoded chunk. */
    byte[] chunk(byte[] digest);

    @Override
    void close();
}
