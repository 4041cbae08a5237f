package org.pbsj.core.catalog;

import java.io.ByteArrayOutputStream;

/**
 * The catalog's variable-length integers ({@code index-formats.md} §5.2): little-endian base-128,
 * bit 7 = more bytes follow. Negative i64 values are stored as their magnitude with bit 7 set on
 * every byte, then a terminating {@code 00}.
 *
 * <p>Decoding is stricter than PBS, which silently drops bits shifted past 64: a value that does
 * not fit is reported as corrupt instead of being truncated.
 */
final class CatalogVarint {
    static final int MAX_U64_BYTES = 10;
    static final int MAX_I64_BYTES = 11;

    /** Source of bytes for decoding; {@code position()} is used in error messages. */
    interface ByteSource {
        int readByte();

        long position();

        RuntimeException corrupt(long offset, String message);
    }

    private CatalogVarint() {
    }

    static void writeU64(ByteArrayOutputStream out, long v) {
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void writeI64(ByteArrayOutputStream out, long v) {
        if (v >= 0) {
            writeU64(out, v);
            return;
        }
        long d = -v; // for Long.MIN_VALUE this is 2^63 as an unsigned value
        do {
            out.write((int) (d & 0x7f) | 0x80);
            d >>>= 7;
        } while (d != 0);
        out.write(0);
    }

    static long readU64(ByteSource in) {
        long start = in.position();
        long v = 0;
        for (int i = 0; i < MAX_U64_BYTES; i++) {
            int b = in.readByte();
            long group = b & 0x7f;
            if (i == MAX_U64_BYTES - 1 && group > 1) {
                throw in.corrupt(start, "varint does not fit in 64 bits");
            }
            v |= group << (7 * i);
            if (b < 0x80) {
                return v;
            }
        }
        throw in.corrupt(start, "varint without end marker after " + MAX_U64_BYTES + " bytes");
    }

    static long readI64(ByteSource in) {
        long start = in.position();
        long v = 0;
        for (int i = 0; i < MAX_I64_BYTES; i++) {
            int b = in.readByte();
            if (b == 0) {
                if (v == 0) {
                    return 0;
                }
                if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) {
                    throw in.corrupt(start, "negative varint below the i64 range");
                }
                return -v; // -(2^63) wraps to Long.MIN_VALUE, as intended
            }
            long group = b & 0x7f;
            if (i >= MAX_U64_BYTES - 1 && (i > MAX_U64_BYTES - 1 || group > 1)) {
                throw in.corrupt(start, "signed varint does not fit in 64 bits");
            }
            v |= group << (7 * i);
            if (b < 0x80) {
                if (v < 0) {
                    throw in.corrupt(start, "positive varint above the i64 range");
                }
                return v;
            }
        }
        throw in.corrupt(start, "signed varint without end marker after " + MAX_I64_BYTES + " bytes");
    }
}
