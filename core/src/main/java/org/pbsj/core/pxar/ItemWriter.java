package org.pbsj.core.pxar;

import java.io.IOException;
import java.io.OutputStream;

import static org.pbsj.core.pxar.PxarFormat.HEADER_SIZE;

/**
 * Little-endian item writer over one output stream that counts the stream position (the format's
 * offsets are positions in the stream).
 */
final class ItemWriter {
    private final OutputStream out;
    private final byte[] scratch = new byte[8];
    private final byte[] statBuf = new byte[PxarFormat.STAT_SIZE];
    private long position;

    ItemWriter(OutputStream out) {
        this.out = out;
    }

    long position() {
        return position;
    }

    /** Counts bytes the caller places in the stream by other means (reused payload chunks). */
    void advance(long bytes) {
        position += bytes;
    }

    void header(long type, long contentSize) throws IOException {
        u64(type);
        u64(HEADER_SIZE + contentSize);
    }

    void u64(long v) throws IOException {
        putLong(scratch, 0, v);
        bytes(scratch, 0, 8);
    }

    /** Stat (§3): mode, flags, uid u32, gid u32, mtime secs i64, nanos u32, padding u32. */
    void stat(Metadata m) throws IOException {
        putLong(statBuf, 0, m.mode());
        putLong(statBuf, 8, m.flags());
        putInt(statBuf, 16, (int) m.uid());
        putInt(statBuf, 20, (int) m.gid());
        putLong(statBuf, 24, m.mtimeSecs());
        putInt(statBuf, 32, m.mtimeNanos());
        putInt(statBuf, 36, 0);
        header(PxarFormat.ENTRY, PxarFormat.STAT_SIZE);
        bytes(statBuf, 0, PxarFormat.STAT_SIZE);
    }

    /** An item whose content is {@code bytes} followed by one NUL. */
    void itemWithNul(long type, byte[] bytes) throws IOException {
        header(type, bytes.length + 1L);
        bytes(bytes, 0, bytes.length);
        scratch[0] = 0;
        bytes(scratch, 0, 1);
    }

    void item(long type, byte[] content) throws IOException {
        header(type, content.length);
        bytes(content, 0, content.length);
    }

    void u64Item(long type, long... values) throws IOException {
        header(type, 8L * values.length);
        for (long v : values) {
            u64(v);
        }
    }

    void bytes(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
    }

    void flush() throws IOException {
        out.flush();
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
