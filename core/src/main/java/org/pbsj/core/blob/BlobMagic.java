package org.pbsj.core.blob;

import java.util.HexFormat;

/**
 * Magic numbers of the PBS file family ({@code blob-format.md} §1): each is the first 8 bytes of
 * SHA-256 of an ASCII string. Held as {@code long}s read little-endian from the 8 file bytes, so
 * that {@code buffer.order(LITTLE_ENDIAN).getLong(0) == BlobMagic.X} is the whole check and
 * nobody can mutate a shared array. {@link #bytes(long)} gives the on-disk form.
 */
public final class BlobMagic {
    public static final int SIZE = 8;

    /** {@code Proxmox Backup uncompressed blob v1.0}. */
    public static final long UNCOMPRESSED_BLOB_1_0 = fromHex("42ab3807be8370a1");
    /** {@code Proxmox Backup zstd compressed blob v1.0}. */
    public static final long COMPRESSED_BLOB_1_0 = fromHex("31b958426fb6a37f");
    /** {@code Proxmox Backup encrypted blob v1.0}. */
    public static final long ENCRYPTED_BLOB_1_0 = fromHex("7b6785be222d4cf0");
    /** {@code Proxmox Backup zstd compressed encrypted blob v1.0}. */
    public static final long ENCR_COMPR_BLOB_1_0 = fromHex("e6591bbf0bbfd80b");
    /** {@code Proxmox Backup fixed sized chunk index v1.0}. */
    public static final long FIXED_INDEX_1_0 = fromHex("2f7f41ed91fd0fcd");
    /** {@code Proxmox Backup dynamic sized chunk index v1.0}. */
    public static final long DYNAMIC_INDEX_1_0 = fromHex("1c914ea519bab3cd");
    /** {@code Proxmox Backup Catalog file v1.0}. */
    public static final long CATALOG_1_0 = fromHex("91fd60f9c46758d5");

    private BlobMagic() {
    }

    /** Reads 8 bytes at {@code off} as a magic (little-endian, matching the constants). */
    public static long read(byte[] b, int off) {
        long v = 0;
        for (int i = SIZE - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    /** Writes the on-disk 8 bytes of {@code magic} at {@code off}. */
    public static void write(long magic, byte[] b, int off) {
        for (int i = 0; i < SIZE; i++) {
            b[off + i] = (byte) (magic >>> (8 * i));
        }
    }

    /** The on-disk 8 bytes of {@code magic}. */
    public static byte[] bytes(long magic) {
        byte[] b = new byte[SIZE];
        write(magic, b, 0);
        return b;
    }

    /** The on-disk bytes as 16 lowercase hex digits, as written in the spec. */
    public static String hex(long magic) {
        return HexFormat.of().formatHex(bytes(magic));
    }

    public static boolean isDataBlob(long magic) {
        return magic == UNCOMPRESSED_BLOB_1_0 || magic == COMPRESSED_BLOB_1_0
                || magic == ENCRYPTED_BLOB_1_0 || magic == ENCR_COMPR_BLOB_1_0;
    }

    public static boolean isEncrypted(long magic) {
        return magic == ENCRYPTED_BLOB_1_0 || magic == ENCR_COMPR_BLOB_1_0;
    }

    public static boolean isCompressed(long magic) {
        return magic == COMPRESSED_BLOB_1_0 || magic == ENCR_COMPR_BLOB_1_0;
    }

    /** A readable name for messages; unknown values come out as hex. */
    public static String name(long magic) {
        if (magic == UNCOMPRESSED_BLOB_1_0) {
            return "uncompressed blob v1.0";
        } else if (magic == COMPRESSED_BLOB_1_0) {
            return "compressed blob v1.0";
        } else if (magic == ENCRYPTED_BLOB_1_0) {
            return "encrypted blob v1.0";
        } else if (magic == ENCR_COMPR_BLOB_1_0) {
            return "compressed encrypted blob v1.0";
        } else if (magic == FIXED_INDEX_1_0) {
            return "fixed index v1.0";
        } else if (magic == DYNAMIC_INDEX_1_0) {
            return "dynamic index v1.0";
        } else if (magic == CATALOG_1_0) {
            return "catalog v1.0";
        }
        return "unknown magic " + hex(magic);
    }

    private static long fromHex(String hex) {
        return read(HexFormat.of().parseHex(hex), 0);
    }
}
