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
 * Reader of a dynamic index ({@code *.didx}, {@code index-formats.md} §2): variable-sized
 * chunks of a pxar archive or catalog.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic 1c914ea519bab3cd
 *      8    16  uuid
 *     24     8  ctime     i64 LE, epoch seconds
 *     32    32  index_csum  SHA-256 of the entry area
 *     64  4032  reserved, zero
 *   4096  40*n  entries: end u64 LE (exclusive end of the chunk in the archive), digest[32]
 * </pre>
 *
 * There is no size field: the archive size is the last entry's end (0 without entries). Opening
 * checks length, magic, that the entry area is a whole number of entries and that the last end
 * is below 2^63; {@link #sanityCheck()} checks that ends strictly increase. Unlike PBS, which
 * reports the open time, {@link #ctime()} returns the stored ctime.
 */
public final class DynamicIndexV1 implements IndexFile {
    /** SHA-256("Proxmox Backup dynamic sized chunk index v1.0")[0..8]. */
    static final byte[] MAGIC = {0x1c, (byte) 0x91, 0x4e, (byte) 0xa5, 0x19, (byte) 0xba, (byte) 0xb3, (byte) 0xcd};

    public static final int ENTRY_SIZE = 8 + DIGEST_SIZE;

    private final String source;
    private final ByteBuffer buf;
    private final int count;
    private final long size;

    private DynamicIndexV1(ByteBuffer buf, String source) {
        this.source = source;
        this.buf = IndexSupport.checkHeader(buf, source, MAGIC, "dynamic index");
        int body = this.buf.limit() - HEADER_SIZE;
        if (body % ENTRY_SIZE != 0) {
            throw new CorruptDataException(source, HEADER_SIZE + (long) body / ENTRY_SIZE * ENTRY_SIZE,
                    "got unexpected file size: entry area of " + body + " bytes is not a multiple of " + ENTRY_SIZE);
        }
        this.count = body / ENTRY_SIZE;
        this.size = count == 0 ? 0 : this.buf.getLong(entryOffset(count - 1));
        if (size < 0) {
            throw new CorruptDataException(source, entryOffset(count - 1),
                    "absurd end offset " + Long.toUnsignedString(size) + " of the last chunk");
        }
    }

    public static DynamicIndexV1 open(Path path) throws IOException {
        return new DynamicIndexV1(IndexSupport.map(path), path.toString());
    }

    /** Reads an index held in memory; {@code buf} positions 0..limit are the file. */
    public static DynamicIndexV1 wrap(ByteBuffer buf, String source) {
        return new DynamicIndexV1(buf, source);
    }

    private static int entryOffset(int i) {
        return HEADER_SIZE + i * ENTRY_SIZE;
    }

    @Override
    public ArchiveType archiveType() {
        return ArchiveType.DYNAMIC_INDEX;
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
        buf.get(entryOffset(i) + 8, dst, dstOffset, DIGEST_SIZE);
    }

    @Override
    public long chunkStart(int i) {
        Objects.checkIndex(i, count);
        return i == 0 ? 0 : buf.getLong(entryOffset(i - 1));
    }

    @Override
    public long chunkEnd(int i) {
        Objects.checkIndex(i, count);
        return buf.getLong(entryOffset(i));
    }

    /** Binary search for the first entry whose end is greater than {@code offset}. */
    @Override
    public Optional<ChunkPosition> chunkFromOffset(long offset) {
        if (offset < 0 || offset >= size) {
            return Optional.empty();
        }
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offset < buf.getLong(entryOffset(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long start = chunkStart(lo);
        if (start > offset) {
            // only possible when ends do not increase
            throw new CorruptDataException(source, entryOffset(lo - 1), "chunk end offsets are not increasing");
        }
        return Optional.of(new ChunkPosition(lo, offset - start));
    }

    @Override
    public byte[] storedCsum() {
        return IndexSupport.bytes(buf, CSUM_OFFSET, DIGEST_SIZE);
    }

    @Override
    public byte[] computeCsum() {
        return IndexSupport.sha256(buf, HEADER_SIZE, count * ENTRY_SIZE);
    }

    /** Checks that ends strictly increase from above 0 and that the stored csum matches. */
    @Override
    public void sanityCheck() {
        long prev = 0;
        for (int i = 0; i < count; i++) {
            long end = buf.getLong(entryOffset(i));
            if (end <= prev) {
                throw new CorruptDataException(source, entryOffset(i), "end offset " + Long.toUnsignedString(end)
                        + " of chunk " + i + " does not exceed the previous end " + prev);
            }
            prev = end;
        }
        byte[] stored = storedCsum();
        byte[] computed = computeCsum();
        if (!Arrays.equals(stored, computed)) {
            throw new ChecksumMismatchException(source, CSUM_OFFSET, "index csum mismatch: header has "
                    + HexFormat.of().formatHex(stored) + ", entries hash to " + HexFormat.of().formatHex(computed));
        }
    }

    @Override
    public String toString() {
        return "DynamicIndexV1[" + source + ", size=" + size + ", count=" + count + "]";
    }
}
