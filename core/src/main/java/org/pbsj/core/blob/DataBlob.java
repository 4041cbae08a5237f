package org.pbsj.core.blob;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.pbsj.core.crypto.CryptMode;

/**
 * An encoded DataBlob ({@code blob-format.md} §2): magic, CRC, for encrypted blobs IV and tag,
 * then the payload. Immutable. Instances only come from {@link DataBlobCodec}, which has
 * checked the magic and the minimum length, so accessors never fail.
 *
 * <p>Not a record on purpose: a record's public constructor and accessor would have to copy
 * the raw bytes (4 MiB per chunk) to stay immutable. Use {@link #rawBuffer()} or
 * {@link #writeTo} for zero-copy access, {@link #raw()} for a copy.
 *
 * <pre>
 * offset size  field
 *   0     8    magic (BlobMagic)
 *   8     4    CRC32 (little endian) of the bytes after the header
 *  12    16    IV        (encrypted only)
 *  28    16    GCM tag   (encrypted only)
 *  12|44  n    payload: data, zstd frame, or ciphertext of either
 * </pre>
 */
public final class DataBlob {
    public static final int CRC_OFFSET = 8;
    public static final int HEADER_SIZE = 12;
    public static final int IV_OFFSET = 12;
    public static final int TAG_OFFSET = 28;
    public static final int ENCRYPTED_HEADER_SIZE = 44;

    private final byte[] raw;
    private final long magic;
    private final String source;

    /** Takes ownership of {@code raw}; the codec guarantees nobody else holds it. */
    DataBlob(byte[] raw, long magic, String source) {
        this.raw = raw;
        this.magic = magic;
        this.source = source;
    }

    /** The magic as a {@link BlobMagic} constant. */
    public long magic() {
        return magic;
    }

    /** File name or other label used in error messages; may be null. */
    public String source() {
        return source;
    }

    public boolean isEncrypted() {
        return BlobMagic.isEncrypted(magic);
    }

    public boolean isCompressed() {
        return BlobMagic.isCompressed(magic);
    }

    /** {@code encrypt} for encrypted magics, otherwise {@code none} ({@code blob-format.md} §5). */
    public CryptMode cryptMode() {
        return isEncrypted() ? CryptMode.ENCRYPT : CryptMode.NONE;
    }

    public int headerSize() {
        return isEncrypted() ? ENCRYPTED_HEADER_SIZE : HEADER_SIZE;
    }

    /** Encoded size in bytes (the chunk file size). */
    public int size() {
        return raw.length;
    }

    public int payloadSize() {
        return raw.length - headerSize();
    }

    /** The CRC32 stored in the header. */
    public int storedCrc() {
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(CRC_OFFSET);
    }

    /** A copy of the encoded bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** A read-only view of the encoded bytes, without copying. */
    public ByteBuffer rawBuffer() {
        return ByteBuffer.wrap(raw).asReadOnlyBuffer();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(raw);
    }

    /** The 16-byte IV of an encrypted blob. */
    public byte[] iv() {
        requireEncrypted();
        return Arrays.copyOfRange(raw, IV_OFFSET, IV_OFFSET + 16);
    }

    /** The 16-byte GCM tag of an encrypted blob. */
    public byte[] tag() {
        requireEncrypted();
        return Arrays.copyOfRange(raw, TAG_OFFSET, TAG_OFFSET + 16);
    }

    /** The codec's zero-copy access. */
    byte[] array() {
        return raw;
    }

    private void requireEncrypted() {
        if (!isEncrypted()) {
            throw new IllegalStateException("not an encrypted blob");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataBlob b && Arrays.equals(raw, b.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "DataBlob[" + BlobMagic.name(magic) + ", " + raw.length + " bytes"
                + (source != null ? ", " + source : "") + "]";
    }
}
