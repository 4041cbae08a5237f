package org.pbsj.core.store;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Content-addressed storage of encoded chunks (DataBlobs) keyed by their 32-byte digest, with
 * the PBS semantics GC relies on: a duplicate insert or a mark <em>touches</em> the chunk
 * (atime = now), and the sweep removes chunks whose atime is older than a cutoff.
 *
 * <p>The store neither parses nor verifies blobs beyond the 8-byte magic needed by the insert
 * rules (datastore-layout.md §10.1); checking digests against content is the caller's job.
 * All methods are thread-safe. Errors: {@link java.io.UncheckedIOException} for I/O,
 * {@link StoreException} for refused operations, {@link IllegalArgumentException} for a digest
 * that is not 32 bytes.
 */
public interface ChunkStore extends Closeable {
    int DIGEST_LENGTH = 32;

    /**
     * Stores {@code encoded} under {@code digest} unless a usable copy exists; an existing copy
     * is touched. A failed insert never leaves a visible partial chunk. The buffer's position is
     * not changed.
     */
    InsertResult insert(byte[] digest, ByteBuffer encoded);

    default InsertResult insert(byte[] digest, byte[] encoded) {
        return insert(digest, ByteBuffer.wrap(encoded));
    }

    /** The stored bytes; {@link ChunkNotFoundException} if absent. */
    byte[] read(byte[] digest);

    /** Size and atime of the chunk (not of bad copies), or empty. */
    Optional<ChunkEntry> stat(byte[] digest);

    default boolean exists(byte[] digest) {
        return stat(digest).isPresent();
    }

    /** Sets atime to now, mtime unchanged; {@link ChunkNotFoundException} if absent. */
    void touch(byte[] digest);

    /** GC mark: like {@link #touch} but returns false instead of failing when absent. */
    boolean touchIfExists(byte[] digest);

    /** GC mark of a missing chunk: touches whichever {@code <hex>.0.bad}…{@code .9.bad} exist. */
    int touchBadCopies(byte[] digest);

    /**
     * Verify found the chunk corrupt: renames it to the first free {@code <hex>.N.bad}
     * (N = 0..9; {@code .9.bad} is overwritten when all exist). Returns the new name, or empty
     * if the chunk vanished meanwhile.
     */
    Optional<String> markBad(byte[] digest);

    /**
     * Every chunk and bad copy, prefix directories in order {@code 0000}…{@code ffff}; temp files
     * and foreign names are skipped. Entries that vanish while iterating are skipped. Close the stream.
     */
    Stream<ChunkEntry> chunks();

    /**
     * GC sweep step: under the store mutex, re-reads the atime of {@code entry} and removes the
     * file only if it is still older than {@code cutoffEpochSeconds}. False if it was touched
     * (or vanished) in the meantime.
     */
    boolean removeIfAtimeBefore(ChunkEntry entry, long cutoffEpochSeconds);

    /** Unconditional removal of a chunk; false if it was absent. */
    boolean remove(byte[] digest);

    /** Path relative to the datastore: {@code .chunks/<first 4 hex>/<64 hex>}. */
    default String relativePath(byte[] digest) {
        String hex = hex(digest);
        return ".chunks/" + hex.substring(0, 4) + "/" + hex;
    }

    /** Makes inserted chunks durable as the sync level requires before a backup is marked finished. */
    void syncOnFinish();

    /** Shared chunk-store lock for an index writer or a sync run (datastore-layout.md §8.1). */
    ChunkStoreLock.Guard lockShared();

    /** Exclusive chunk-store lock for GC. */
    ChunkStoreLock.Guard lockExclusive();

    /** Acquisition time (epoch seconds) of the oldest shared lock held in this process. */
    OptionalLong oldestSharedLock();

    @Override
    void close();

    /** Lowercase hex of a digest, checking its length. */
    static String hex(byte[] digest) {
        if (digest == null || digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("chunk digest must be " + DIGEST_LENGTH + " bytes");
        }
        return HexFormat.of().formatHex(digest);
    }
}
