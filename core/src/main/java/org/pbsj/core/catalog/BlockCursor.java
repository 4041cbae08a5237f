package org.pbsj.core.catalog;

import org.pbsj.core.io.ReadAt;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.pbsj.core.error.CorruptDataException;

/**
 * Buffered forward reader over a {@link ReadAt} between a position and a hard limit. Reading
 * past the limit is a {@link CorruptDataException} ("truncated") at the offending offset, so a
 * damaged length can never make the reader run into the next block or allocate without bound.
 */
final class BlockCursor implements CatalogVarint.ByteSource {
    private static final int BUFFER = 8192;

    private final ReadAt in;
    private final String source;
    private final byte[] buf;
    private long bufStart;
    private int bufLen;
    private long pos;
    private long limit;

    BlockCursor(ReadAt in, String source, long pos, long limit) {
        this.in = in;
        this.source = source;
        this.buf = new byte[(int) Math.max(1, Math.min(BUFFER, limit - pos))];
        this.pos = pos;
        this.limit = limit;
        this.bufStart = pos;
    }

    @Override
    public long position() {
        return pos;
    }

    long limit() {
        return limit;
    }

    /** Narrows the limit (to the end of a block's table once its length is known). */
    void limit(long newLimit) {
        if (newLimit > limit) {
            throw new IllegalArgumentException("limit can only shrink");
        }
        limit = newLimit;
    }

    @Override
    public int readByte() {
        if (pos >= limit) {
            throw corrupt(pos, "unexpected end of data (truncated or bad length)");
        }
        if (pos < bufStart || pos >= bufStart + bufLen) {
            fill();
        }
        return buf[(int) (pos++ - bufStart)] & 0xff;
    }

    /** Reads {@code len} bytes, which the caller has checked against the limit. */
    byte[] readBytes(int len) {
        if (len > limit - pos) {
            throw corrupt(pos, len + " bytes needed but only " + (limit - pos) + " left");
        }
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) readByte();
        }
        return out;
    }

    private void fill() {
        int n = (int) Math.min(buf.length, limit - pos);
        try {
            in.readFully(pos, buf, 0, n);
        } catch (EOFException e) {
            throw corrupt(pos, "unexpected end of file");
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read error at offset " + pos, e);
        }
        bufStart = pos;
        bufLen = n;
    }

    @Override
    public CorruptDataException corrupt(long offset, String message) {
        return new CorruptDataException(source, offset, message);
    }
}
