package org.pbsj.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Positional reads of a byte source of known size: a file, a buffer, an archive reassembled
 * from chunks. The pxar accessor and the catalog reader follow offsets, so they need this
 * rather than a stream.
 */
public interface ReadAt {
    /** Total number of bytes. */
    long size() throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code offset} into {@code dst}.
     *
     * @return bytes read, or -1 if {@code offset} is at or past the end
     */
    int read(long offset, ByteBuffer dst) throws IOException;

    /**
     * Reads exactly {@code len} bytes at absolute {@code position}.
     *
     * @throws EOFException if the source ends first
     */
    default void readFully(long position, byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (position < 0) {
            throw new EOFException("read at negative position " + position);
        }
        ByteBuffer b = ByteBuffer.wrap(dst, off, len);
        long p = position;
        while (b.hasRemaining()) {
            int n = read(p, b);
            if (n < 0) {
                throw new EOFException("read of " + len + " bytes at " + position + " beyond the end");
            }
            p += n;
        }
    }

    static ReadAt of(byte[] bytes) {
        return of(ByteBuffer.wrap(bytes));
    }

    /** Positions 0 to limit of {@code buffer}; the buffer's own position is not used or changed. */
    static ReadAt of(ByteBuffer buffer) {
        ByteBuffer buf = buffer.duplicate();
        return new ReadAt() {
            @Override
            public long size() {
                return buf.limit();
            }

            @Override
            public int read(long offset, ByteBuffer dst) {
                if (offset < 0) {
                    throw new IllegalArgumentException("negative offset");
                }
                if (offset >= buf.limit()) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), buf.limit() - offset);
                dst.put(buf.slice((int) offset, n));
                return n;
            }
        };
    }

    /** A file channel, read with positional reads (the channel position is not changed). */
    static ReadAt of(FileChannel channel) {
        return new ReadAt() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public int read(long offset, ByteBuffer dst) throws IOException {
                return channel.read(dst, offset);
            }
        };
    }
}
