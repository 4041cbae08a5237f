package org.pbsj.core.pxar.fs;

/**
 * What change detection "metadata" did in one archive run (pxar-format.md §9.3).
 *
 * @param reusedFiles files referenced in the previous payload, not read
 * @param reusedBytes their content bytes
 * @param reencodedFiles unchanged files read anyway because the padding rule refused their chunks
 * @param reencodedBytes their content bytes
 * @param chunks previous payload chunks appended to the new payload index
 * @param chunkBytes the bytes of those chunks
 * @param paddingBytes bytes of those chunks no reused file needs
 */
public record ReuseStats(long reusedFiles, long reusedBytes, long reencodedFiles, long reencodedBytes, long chunks,
        long chunkBytes, long paddingBytes) {
    public static final ReuseStats NONE = new ReuseStats(0, 0, 0, 0, 0, 0, 0);
}
