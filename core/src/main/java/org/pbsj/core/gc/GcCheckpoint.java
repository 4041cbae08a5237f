package org.pbsj.core.gc;

import java.io.Serializable;

/**
 * Where a garbage collection run stands, small enough for a batch checkpoint: the run's start
 * time and oldest writer (which fix the cutoff), the phase, the last index file marked or the
 * next prefix directory to sweep, and the counts so far. A run resumed from it ends with the
 * status an uninterrupted run would have reported.
 */
public record GcCheckpoint(long t0, long oldestWriter, boolean sweeping, String lastIndex, int nextPrefix,
        long indexFileCount, long indexDataBytes, long diskBytes, long diskChunks, long removedBytes,
        long removedChunks, long pendingBytes, long pendingChunks, long removedBad, long stillBad)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
