package org.pbsj.core.pxar;

import org.pbsj.core.io.ReadAt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import org.pbsj.core.error.CorruptDataException;

/**
 * Sequential little-endian item reader over an input stream, tracking the absolute position so
 * that errors name the offset. Every read is bounds checked: a short stream is
 * {@link CorruptDataException} "truncated", never a partial value.
 */
final class ItemInput {
    /** A header read at {@code offset}; {@code contentSize} is non-negative. */
    record Header(long type, long contentSize, long offset) {
        long fullSize() {
            return contentSize + PxarFormat.HEADER_SIZE;
        }

        long end() {
            return offset + fullSize();
        }
    }

    private final InputStream in;
    private final String source;
    private final byte[] scratch = new byte[PxarFormat.HEADER_SIZE];
    private long position;

    ItemInput(InputStream in, String source, long startPosition) {
        this.in = in;
        this.source = source;
        this.position = startPosition;
    }

    String source() {
        return source;
    }

    long position() {
        return position;
    }

    /** Next header, or null at a clean end of the stream. */
    Header readHeaderOrEof() throws IOException {
        long at = position;
        int n = in.readNBytes(scratch, 0, PxarFormat.HEADER_SIZE);
        position += n;
        if (n == 0) {
            return null;
        }
        if (n < PxarFormat.HEADER_SIZE) {
            throw corrupt(at, "truncated item header");
        }
        long type = getLong(scratch, 0);
        long fullSize = getLong(scratch, 8);
        if (fullSize < PxarFormat.HEADER_SIZE) { // also catches sizes ≥ 2^63
            throw corrupt(at, "invalid item size " + Long.toUnsignedString(fullSize) + " of item type 0x"
                    + Long.toHexString(type));
        }
        return new Header(type, fullSize - PxarFormat.HEADER_SIZE, at);
    }

    Header readHeader(String expected) throws IOException {
        Header h = readHeaderOrEof();
        if (h == null) {
            throw corrupt(position, "truncated archive: expected " + expected);
        }
        return h;
    }

    /** The content of {@code h}, which must be at most {@code max} bytes (checked before allocating). */
    byte[] readContent(Header h, int max, String what) throws IOException {
        if (h.contentSize() > max) {
            throw corrupt(h.offset(), what + " item too large: " + h.contentSize() + " > " + max);
        }
        byte[] b = new byte[(int) h.contentSize()];
        readFully(b, 0, b.length);
        return b;
    }

    /** Fixed-size content of exactly {@code size} bytes as a little-endian buffer. */
    ByteBuffer readExact(Header h, int size, String what) throws IOException {
        if (h.contentSize() != size) {
            throw corrupt(h.offset(), what + " item has size " + h.contentSize() + ", expected " + size);
        }
        byte[] b = new byte[size];
        readFully(b, 0, size);
        return ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    void readFully(byte[] b, int off, int len) throws IOException {
        int n = in.readNBytes(b, off, len);
        position += n;
        if (n < len) {
            throw corrupt(position, "truncated archive: " + (len - n) + " bytes missing");
        }
    }

    /** Reads 1..len bytes (fewer only at the end of a read call), throwing at end of stream. */
    int readSome(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        if (n <= 0) {
            throw corrupt(position, "truncated archive: file content missing");
        }
        position += n;
        return n;
    }

    void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) {
                if (in.read() < 0) { // skip() may return 0 before EOF; read() tells EOF apart
                    throw corrupt(position, "truncated archive: " + left + " bytes missing");
                }
                k = 1;
            }
            left -= k;
            position += k;
        }
    }

    CorruptDataException corrupt(long offset, String message) {
        return new CorruptDataException(source, offset, message);
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    /** An input stream over {@code [offset, limit)} of a {@link ReadAt}. */
    static InputStream stream(ReadAt readAt, long offset, long limit) {
        return new InputStream() {
            private long pos = offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= limit) {
                    return -1;
                }
                int want = (int) Math.min(len, limit - pos);
                int n = readAt.read(pos, ByteBuffer.wrap(b, off, want));
                if (n > 0) {
                    pos += n;
                }
                return n == 0 ? -1 : n;
            }

            @Override
            public long skip(long n) {
                long k = Math.max(0, Math.min(n, limit - pos));
                pos += k;
                return k;
            }
        };
    }
}
