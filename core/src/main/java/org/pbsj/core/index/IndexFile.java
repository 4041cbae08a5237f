package org.pbsj.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.pbsj.core.error.CorruptDataException;

/**
 * Read access common to {@code .fidx} and {@code .didx} files, so that GC, verify, sync and
 * restore can walk any archive's chunk list. Implementations are immutable and thread-safe.
 * Chunk {@code i} covers archive bytes {@code [chunkStart(i), chunkEnd(i))}.
 */
public interface IndexFile {

    /** Where a byte offset of the archive lies: chunk index and offset inside that chunk. */
    record ChunkPosition(int index, long offsetInChunk) {
    }

    ArchiveType archiveType();

    /** File name or other label used in exceptions. */
    String source();

    /** Number of chunks (index entries). */
    int count();

    /** Total archive size in bytes (the manifest {@code size}). */
    long size();

    UUID uuid();

    /** Creation time from the header, Unix epoch seconds. */
    long ctime();

    /** Copy of chunk {@code i}'s 32-byte digest. */
    byte[] digest(int i);

    /** Copies chunk {@code i}'s digest into {@code dst} without allocating (GC's hot loop). */
    void digest(int i, byte[] dst, int dstOffset);

    long chunkStart(int i);

    long chunkEnd(int i);

    default long chunkLength(int i) {
        return chunkEnd(i) - chunkStart(i);
    }

    /** The chunk containing archive byte {@code offset}; empty if {@code offset} is outside [0, size). */
    Optional<ChunkPosition> chunkFromOffset(long offset);

    /** The {@code index_csum} stored in the header (all zero in an unfinished file). */
    byte[] storedCsum();

    /** SHA-256 over the entry area, recomputed: what the manifest {@code csum} must equal. */
    byte[] computeCsum();

    /**
     * Full consistency check beyond what opening checks (reads every entry): stored against
     * computed csum, and format-specific entry rules.
     *
     * @throws org.pbsj.core.error.PbsFormatException naming the source and offset of the first problem
     */
    void sanityCheck();

    /** Opens a {@code .fidx} or {@code .didx} file, chosen by its magic. */
    static IndexFile open(Path path) throws IOException {
        return wrap(IndexSupport.map(path), path.toString());
    }

    /** Reads an index held in memory, chosen by its magic. */
    static IndexFile wrap(ByteBuffer buf, String source) {
        if (IndexSupport.hasMagic(buf, FixedIndexV1.MAGIC)) {
            return FixedIndexV1.wrap(buf, source);
        }
        if (IndexSupport.hasMagic(buf, DynamicIndexV1.MAGIC)) {
            return DynamicIndexV1.wrap(buf, source);
        }
        if (buf.limit() < IndexSupport.HEADER_SIZE) {
            throw new CorruptDataException(source, buf.limit(), "truncated header: not an index file");
        }
        throw new CorruptDataException(source, 0, "bad magic: neither a fixed nor a dynamic index");
    }
}
