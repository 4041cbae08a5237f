package org.pbsj.core.client;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.job.JobLog;

/**
 * A {@link BackupTarget} that refuses every further call once {@code aborted} says so: an
 * aborted backup job stops at its next chunk or index call with a {@code JobAbortedException},
 * and closing the unfinished session then removes the snapshot.
 */
final class AbortableBackupTarget implements BackupTarget {
    private final BackupTarget target;
    private final BooleanSupplier aborted;

    AbortableBackupTarget(BackupTarget target, BooleanSupplier aborted) {
        this.target = target;
        this.aborted = aborted;
    }

    @Override
    public BackupDir snapshot() {
        return target.snapshot();
    }

    @Override
    public Optional<Long> previousBackupTime() {
        return target.previousBackupTime();
    }

    @Override
    public byte[] downloadPrevious(String archiveName) {
        JobLog.checkAbort(aborted);
        return target.downloadPrevious(archiveName);
    }

    @Override
    public int createDynamicIndex(String archiveName) {
        JobLog.checkAbort(aborted);
        return target.createDynamicIndex(archiveName);
    }

    @Override
    public int createFixedIndex(String archiveName, long size, String reuseCsum) {
        JobLog.checkAbort(aborted);
        return target.createFixedIndex(archiveName, size, reuseCsum);
    }

    @Override
    public void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] encodedBlob) {
        JobLog.checkAbort(aborted);
        target.uploadChunk(fixed, wid, digest, size, encodedBlob);
    }

    @Override
    public void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets) {
        JobLog.checkAbort(aborted);
        target.append(fixed, wid, digests, offsets);
    }

    @Override
    public void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum) {
        JobLog.checkAbort(aborted);
        target.closeIndex(fixed, wid, chunkCount, size, csum);
    }

    @Override
    public void uploadBlob(String fileName, byte[] encodedBlob) {
        JobLog.checkAbort(aborted);
        target.uploadBlob(fileName, encodedBlob);
    }

    @Override
    public void finish() {
        JobLog.checkAbort(aborted);
        target.finish();
    }

    @Override
    public void close() {
        target.close();
    }
}
