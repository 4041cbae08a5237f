package org.pbsj.core.index;

import static org.pbsj.core.index.IndexSupport.DIGEST_SIZE;
import static org.pbsj.core.index.IndexSupport.HEADER_SIZE;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.UUID;

import org.pbsj.core.crypto.CryptConfig;

/**
 * Writes a {@code .fidx} ({@code index-formats.md} §1.5): digests may arrive in any order and
 * are written in place. The file is built as {@code <name>.tmp_fidx} beside the target and
 * renamed onto it by {@link #finish}; {@link #close} without {@code finish} deletes it, so a
 * failed backup leaves no index behind. Not thread-safe. Locking of the chunk store is the
 * caller's business.
 *
 * <pre>
 * try (FixedIndexWriter w = FixedIndexWriter.create(path, size, 4 << 20, clock)) {
 *     w.addChunk(end, len, digest); ...
 *     IndexSummary s = w.finish(false);
 * }
 * </pre>
 */
public final class FixedIndexWriter implements Closeable {
    private static final int CSUM_BUFFER = 64 * 1024;

    private final Path target;
    private final Path temp;
    private final FileChannel ch;
    private final long size;
    private final long chunkSize;
    private final int count;
    private final ByteBuffer entry = ByteBuffer.allocate(DIGEST_SIZE);
    private boolean done;

    private FixedIndexWriter(Path target, Path temp, FileChannel ch, long size, long chunkSize, int count) {
        this.target = target;
        this.temp = temp;
        this.ch = ch;
        this.size = size;
        this.chunkSize = chunkSize;
        this.count = count;
    }

    /** A new index for an image of {@code size} bytes, random uuid, ctime from {@code clock}. */
    public static FixedIndexWriter create(Path target, long size, long chunkSize, Clock clock) throws IOException {
        return create(target, size, chunkSize, UUID.randomUUID(), clock.instant().getEpochSecond());
    }

    public static FixedIndexWriter create(Path target, long size, long chunkSize, UUID uuid, long ctime)
            throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative image size " + size);
        }
        if (chunkSize <= 0 || chunkSize > FixedIndexV1.MAX_CHUNK_SIZE || Long.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunk size must be a power of two up to 128 MiB: " + chunkSize);
        }
        long n = FixedIndexV1.indexLength(size, chunkSize);
        if (n > (Integer.MAX_VALUE - HEADER_SIZE) / FixedIndexV1.ENTRY_SIZE) {
            throw new IllegalArgumentException("image of " + size + " bytes needs too many chunks: " + n);
        }
        Path temp = IndexSupport.tempPath(target, "tmp_fidx");
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer h = IndexSupport.newHeader(FixedIndexV1.MAGIC, uuid, ctime);
            h.putLong(FixedIndexV1.SIZE_OFFSET, size);
            h.putLong(FixedIndexV1.CHUNK_SIZE_OFFSET, chunkSize);
            IndexSupport.writeFully(ch, h, 0);
            if (n > 0) {
                // extend to the full length; unwritten digests read as zero (sparse)
                IndexSupport.writeFully(ch, ByteBuffer.allocate(1), HEADER_SIZE + n * DIGEST_SIZE - 1);
            }
        } catch (IOException | RuntimeException e) {
            IndexSupport.discard(ch, temp);
            throw e;
        }
        return new FixedIndexWriter(target, temp, ch, size, chunkSize, (int) n);
    }

    public Path target() {
        return target;
    }

    public Path tempPath() {
        return temp;
    }

    /** Number of digests ({@code index_length}). */
    public int count() {
        return count;
    }

    public long size() {
        return size;
    }

    public long chunkSize() {
        return chunkSize;
    }

    /** Writes the digest of chunk {@code index}, replacing whatever was there. */
    public void addDigest(int index, byte[] digest) throws IOException {
        checkOpen();
        java.util.Objects.checkIndex(index, count);
        IndexSupport.checkDigest(digest);
        entry.clear();
        entry.put(digest).flip();
        IndexSupport.writeFully(ch, entry, HEADER_SIZE + (long) index * DIGEST_SIZE);
    }

    /**
     * Places a chunk by its end offset in the image and its length, with the server's checks
     * (PBS {@code add_chunk}): only the last chunk may be shorter than the chunk size, and the
     * chunk must start at a multiple of it.
     */
    public void addChunk(long endOffset, long chunkLen, byte[] digest) throws IOException {
        if (chunkLen <= 0 || chunkLen > chunkSize) {
            throw new IllegalArgumentException("chunk length " + chunkLen + " outside (0, " + chunkSize + "]");
        }
        if (endOffset < chunkLen || endOffset > size) {
            throw new IllegalArgumentException("chunk end " + endOffset + " (length " + chunkLen
                    + ") outside the image of " + size + " bytes");
        }
        if (chunkLen != chunkSize && endOffset != size) {
            throw new IllegalArgumentException("short chunk of " + chunkLen + " bytes before the image end");
        }
        long start = endOffset - chunkLen;
        if ((start & (chunkSize - 1)) != 0) {
            throw new IllegalArgumentException("chunk start " + start + " is not a multiple of " + chunkSize);
        }
        addDigest((int) (start / chunkSize), digest);
    }

    /**
     * Incremental mode (§1.5.6): copies all digests of the previous snapshot's index, whose
     * csum the caller has already checked; then only changed chunks are added.
     */
    public void copyFrom(FixedIndexV1 previous) throws IOException {
        checkOpen();
        if (previous.count() != count || previous.chunkSize() != chunkSize) {
            throw new IllegalArgumentException("previous index " + previous.source() + " has " + previous.count()
                    + " chunks of " + previous.chunkSize() + " bytes, this one " + count + " of " + chunkSize);
        }
        ByteBuffer body = ByteBuffer.allocate(CSUM_BUFFER);
        byte[] d = new byte[DIGEST_SIZE];
        long pos = HEADER_SIZE;
        for (int i = 0; i < count; i++) {
            previous.digest(i, d, 0);
            body.put(d);
            if (!body.hasRemaining() || i == count - 1) {
                body.flip();
                int n = body.remaining();
                IndexSupport.writeFully(ch, body, pos);
                pos += n;
                body.clear();
            }
        }
    }

    /** SHA-256 over the digest area as it is now (unwritten digests count as zeros). */
    public byte[] computeCsum() throws IOException {
        checkOpen();
        MessageDigest md = CryptConfig.sha256Digest();
        ByteBuffer b = ByteBuffer.allocate(CSUM_BUFFER);
        long pos = HEADER_SIZE;
        long end = HEADER_SIZE + (long) count * DIGEST_SIZE;
        while (pos < end) {
            b.clear().limit((int) Math.min(b.capacity(), end - pos));
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException(temp + " shrank while being written");
            }
            pos += n;
            b.flip();
            md.update(b);
        }
        return md.digest();
    }

    /**
     * Stores the csum, optionally fsyncs, and renames the temp file onto the target.
     *
     * @param fsync whether to fsync the file before the rename (sync-level {@code file})
     */
    public IndexSummary finish(boolean fsync) throws IOException {
        checkOpen();
        try {
            byte[] csum = computeCsum();
            IndexSupport.commit(ch, temp, target, csum, fsync);
            done = true;
            return new IndexSummary(size, count, csum);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Deletes the temp file unless {@link #finish} succeeded. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            IndexSupport.discard(ch, temp);
        }
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("index writer for " + target + " is already finished or closed");
        }
    }
}
