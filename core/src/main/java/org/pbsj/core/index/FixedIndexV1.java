package org.pbsj.core.index;

import static org.pbsj.core.index.IndexSupport.CSUM_OFFSET;
import static org.pbsj.core.index.IndexSupport.CTIME_OFFSET;
import static org.pbsj.core.index.IndexSupport.DIGEST_SIZE;
import static org.pbsj.core.index.IndexSupport.HEADER_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;

/**
 * Reader of a fixed index ({@code *.fidx}, {@code index-formats.md} §1): equal-sized chunks of
 * an image.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic 2f7f41ed91fd0fcd
 *      8    16  uuid
 *     24     8  ctime     i64 LE, epoch seconds
 *     32    32  index_csum  SHA-256 of the digest area
 *     64     8  size      u64 LE, image size in bytes
 *     72     8  chunk_size  u64 LE (the server always writes 4 MiB)
 *     80  4016  reserved, zero
 *   4096  32*n  digests, n = ceil(size / chunk_size)
 * </pre>
 *
 * Opening checks length, magic, size, chunk size and that the file length is exactly
 * {@code 4096 + 32*n}. All reads are absolute on a little-endian (mapped) buffer.
 */
public final class FixedIndexV1 implements IndexFile {
    /** SHA-256("Proxmox Backup fixed sized chunk index v1.0")[0..8]. */
    static final byte[] MAGIC = {0x2f, 0x7f, 0x41, (byte) 0xed, (byte) 0x91, (byte) 0xfd, 0x0f, (byte) 0xcd};

    public static final int ENTRY_SIZE = DIGEST_SIZE;
    static final int SIZE_OFFSET = 64;
    static final int CHUNK_SIZE_OFFSET = 72;
    /** A chunk is a blob, and blobs are limited to 128 MiB ({@code blob-format.md} §3). */
    public static final long MAX_CHUNK_SIZE = 128L * 1024 * 1024;

    private final String source;
    private final ByteBuffer buf;
    private final long size;
    private final long chunkSize;
    private final int chunkShift;
    private final int count;

    private FixedIndexV1(ByteBuffer buf, String source) {
        this.source = source;
        this.buf = IndexSupport.checkHeader(buf, source, MAGIC, "fixed index");
        this.size = this.buf.getLong(SIZE_OFFSET);
        this.chunkSize = this.buf.getLong(CHUNK_SIZE_OFFSET);
        if (size < 0) {
            throw new CorruptDataException(source, SIZE_OFFSET, "absurd image size " + Long.toUnsignedString(size));
        }
        checkChunkSize(source, chunkSize);
        this.chunkShift = Long.numberOfTrailingZeros(chunkSize);
        long expected = indexLength(size, chunkSize);
        long body = this.buf.limit() - HEADER_SIZE;
        if (body % ENTRY_SIZE != 0 || body / ENTRY_SIZE != expected) {
            throw new CorruptDataException(source, HEADER_SIZE,
                    "got unexpected file size: " + body + " bytes of digests, expected " + expected
                            + " digests for size " + size + " and chunk size " + chunkSize);
        }
        this.count = (int) expected;
    }

    /** Opens and validates {@code path} (mapped read-only). */
    public static FixedIndexV1 open(Path path) throws IOException {
        return new FixedIndexV1(IndexSupport.map(path), path.toString());
    }

    /** Reads an index held in memory; {@code buf} positions 0..limit are the file. */
    public static FixedIndexV1 wrap(ByteBuffer buf, String source) {
        return new FixedIndexV1(buf, source);
    }

    /** {@code ceil(size / chunkSize)}, without overflow. */
    static long indexLength(long size, long chunkSize) {
        return size / chunkSize + (size % chunkSize != 0 ? 1 : 0);
    }

    static void checkChunkSize(String source, long chunkSize) {
        // PBS maps offsets with a bit mask, so only powers of two address chunks correctly.
        if (chunkSize <= 0 || chunkSize > MAX_CHUNK_SIZE || Long.bitCount(chunkSize) != 1) {
            throw new CorruptDataException(source, CHUNK_SIZE_OFFSET,
                    "absurd chunk size " + Long.toUnsignedString(chunkSize) + " (need a power of two up to 128 MiB)");
        }
    }

    @Override
    public ArchiveType archiveType() {
        return ArchiveType.FIXED_INDEX;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long size() {
        return size;
    }

    public long chunkSize() {
        return chunkSize;
    }

    @Override
    public UUID uuid() {
        return IndexSupport.uuid(buf);
    }

    @Override
    public long ctime() {
        return buf.getLong(CTIME_OFFSET);
    }

    @Override
    public byte[] digest(int i) {
        byte[] d = new byte[DIGEST_SIZE];
        digest(i, d, 0);
        return d;
    }

    @Override
    public void digest(int i, byte[] dst, int dstOffset) {
        Objects.checkIndex(i, count);
        buf.get(HEADER_SIZE + i * ENTRY_SIZE, dst, dstOffset, DIGEST_SIZE);
    }

    @Override
    public long chunkStart(int i) {
        Objects.checkIndex(i, count);
        return (long) i << chunkShift;
    }

    @Override
    public long chunkEnd(int i) {
        Objects.checkIndex(i, count);
        return Math.min(((long) i + 1) << chunkShift, size);
    }

    @Override
    public Optional<ChunkPosition> chunkFromOffset(long offset) {
        if (offset < 0 || offset >= size) {
            return Optional.empty();
        }
        return Optional.of(new ChunkPosition((int) (offset >>> chunkShift), offset & (chunkSize - 1)));
    }

    @Override
    public byte[] storedCsum() {
        return IndexSupport.bytes(buf, CSUM_OFFSET, DIGEST_SIZE);
    }

    @Override
    public byte[] computeCsum() {
        return IndexSupport.sha256(buf, HEADER_SIZE, count * ENTRY_SIZE);
    }

    /**
     * Checks that every digest was written (an all-zero digest is what an unfinished writer
     * leaves) and that the stored csum matches the digests.
     */
    @Override
    public void sanityCheck() {
        byte[] zero = new byte[DIGEST_SIZE];
        byte[] d = new byte[DIGEST_SIZE];
        for (int i = 0; i < count; i++) {
            digest(i, d, 0);
            if (Arrays.equals(d, zero)) {
                throw new CorruptDataException(source, HEADER_SIZE + (long) i * ENTRY_SIZE,
                        "digest of chunk " + i + " was never written");
            }
        }
        byte[] stored = storedCsum();
        byte[] computed = computeCsum();
        if (!Arrays.equals(stored, computed)) {
            throw new ChecksumMismatchException(source, CSUM_OFFSET, "index csum mismatch: header has "
                    + HexFormat.of().formatHex(stored) + ", digests hash to " + HexFormat.of().formatHex(computed));
        }
    }

    @Override
    public String toString() {
        return "FixedIndexV1[" + source + ", size=" + size + ", chunkSize=" + chunkSize + ", count=" + count + "]";
    }
}
