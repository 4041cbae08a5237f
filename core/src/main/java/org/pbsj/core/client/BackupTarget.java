package org.pbsj.core.client;

import java.util.List;
import java.util.Optional;

import org.pbsj.core.datastore.BackupDir;

/**
 * The backup protocol as the client sees it ({@code backup-protocol.md} §5): one method per
 * endpoint, parameters named and ordered as on the wire, so that a target over HTTP/2 maps 1:1.
 * {@link LocalBackupTarget} drives a {@link org.pbsj.core.backup.BackupSession} on a local
 * datastore. Uploads may be called from several threads at once (the protocol pipelines them);
 * appends of one writer must come in stream order.
 *
 * <p>{@link #close} without a successful {@link #finish} aborts the session: the server removes
 * the snapshot.
 */
public interface BackupTarget extends AutoCloseable {

    /** The snapshot being written. */
    BackupDir snapshot();

    /** {@code GET /previous_backup_time}: the base snapshot's time, if there is one. */
    Optional<Long> previousBackupTime();

    /**
     * {@code GET /previous?archive-name=}: a file of the base snapshot. For an index the server
     * now counts all its chunks as known to this session, so the client may append them.
     */
    byte[] downloadPrevious(String archiveName);

    /** {@code POST /dynamic_index?archive-name=} → wid. */
    int createDynamicIndex(String archiveName);

    /** {@code POST /fixed_index?archive-name=&size=[&reuse-csum=]} → wid. */
    int createFixedIndex(String archiveName, long size, String reuseCsum);

    /** {@code POST /dynamic_chunk} or {@code /fixed_chunk?wid=&digest=&size=&encoded-size=} with the blob as body. */
    void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] encodedBlob);

    /** {@code PUT /dynamic_index} or {@code /fixed_index}: {@code wid}, {@code digest-list}, {@code offset-list}. */
    void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets);

    /** {@code POST /dynamic_close} or {@code /fixed_close?wid=&chunk-count=&size=&csum=}. */
    void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum);

    /** {@code POST /blob?file-name=&encoded-size=} with the complete DataBlob as body. */
    void uploadBlob(String fileName, byte[] encodedBlob);

    /** {@code POST /finish}. */
    void finish();

    /** Ends the session; aborts it (snapshot removed) unless {@link #finish} succeeded. */
    @Override
    void close();
}
