package org.pbsj.core.index;

import static org.pbsj.core.index.IndexSupport.HEADER_SIZE;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.UUID;

import org.pbsj.core.crypto.CryptConfig;

/**
 * Appends entries to a {@code .didx} in stream order ({@code index-formats.md} §2.5), keeping
 * a running SHA-256 of the entry bytes for the csum. Built as {@code <name>.tmp_didx} and
 * renamed onto the target by {@link #finish}; {@link #close} without {@code finish} deletes
 * it. Not thread-safe.
 */
public final class DynamicIndexWriter implements Closeable {
    /** Whole entries per write: 1638 * 40 bytes. */
    private static final int BUFFER_SIZE = (64 * 1024 / DynamicIndexV1.ENTRY_SIZE) * DynamicIndexV1.ENTRY_SIZE;

    private static final int MAX_ENTRIES = (Integer.MAX_VALUE - HEADER_SIZE) / DynamicIndexV1.ENTRY_SIZE;

    private final Path target;
    private final Path temp;
    private final FileChannel ch;
    private final ByteBuffer pending = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final MessageDigest csum = CryptConfig.sha256Digest();
    private long filePos = HEADER_SIZE;
    private long size;
    private int count;
    private boolean done;

    private DynamicIndexWriter(Path target, Path temp, FileChannel ch) {
        this.target = target;
        this.temp = temp;
        this.ch = ch;
    }

    public static DynamicIndexWriter create(Path target, Clock clock) throws IOException {
        return create(target, UUID.randomUUID(), clock.instant().getEpochSecond());
    }

    public static DynamicIndexWriter create(Path target, UUID uuid, long ctime) throws IOException {
        Path temp = IndexSupport.tempPath(target, "tmp_didx");
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            IndexSupport.writeFully(ch, IndexSupport.newHeader(DynamicIndexV1.MAGIC, uuid, ctime), 0);
        } catch (IOException | RuntimeException e) {
            IndexSupport.discard(ch, temp);
            throw e;
        }
        return new DynamicIndexWriter(target, temp, ch);
    }

    public Path target() {
        return target;
    }

    public Path tempPath() {
        return temp;
    }

    public int count() {
        return count;
    }

    /** Archive bytes covered so far: the end of the last entry. */
    public long size() {
        return size;
    }

    /** Appends a chunk that ends at {@code end}, which must exceed the previous end. */
    public void add(long end, byte[] digest) throws IOException {
        checkOpen();
        IndexSupport.checkDigest(digest);
        if (end <= size) {
            throw new IllegalArgumentException("chunk end " + end + " does not exceed the previous end " + size);
        }
        if (count == MAX_ENTRIES) {
            // readers map the file, which caps it at 2 GiB
            throw new IllegalStateException("too many chunks for one index");
        }
        if (!pending.hasRemaining()) {
            flush();
        }
        pending.putLong(end).put(digest);
        size = end;
        count++;
    }

    /** The backup session's form: the chunk must start where the previous one ended. */
    public void addChunk(long offset, long length, byte[] digest) throws IOException {
        if (offset != size) {
            throw new IllegalArgumentException("chunk offset " + offset + " is not the current end " + size);
        }
        if (length <= 0) {
            throw new IllegalArgumentException("chunk length must be positive: " + length);
        }
        add(Math.addExact(offset, length), digest);
    }

    private void flush() throws IOException {
        pending.flip();
        csum.update(pending.array(), 0, pending.limit());
        int n = pending.remaining();
        IndexSupport.writeFully(ch, pending, filePos);
        filePos += n;
        pending.clear();
    }

    /** The csum of the entries so far, without finishing (the session compares it first). */
    public byte[] currentCsum() {
        checkOpen();
        try {
            MessageDigest copy = (MessageDigest) csum.clone();
            copy.update(pending.array(), 0, pending.position());
            return copy.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    /** Writes the csum into the header, optionally fsyncs, and renames onto the target. */
    public IndexSummary finish(boolean fsync) throws IOException {
        checkOpen();
        try {
            flush();
            byte[] digest = csum.digest();
            IndexSupport.commit(ch, temp, target, digest, fsync);
            done = true;
            return new IndexSummary(size, count, digest);
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
