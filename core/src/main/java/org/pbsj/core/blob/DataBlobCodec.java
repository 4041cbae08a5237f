package org.pbsj.core.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.crypto.AEADBadTagException;

import com.github.luben.zstd.Zstd;

import org.pbsj.core.crypto.AesGcm;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.RandomSource;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;

/**
 * Writer and reader of DataBlobs, the container of every chunk and {@code *.blob} file
 * ({@code blob-format.md}). Thread-safe: zstd contexts and scratch buffers are per thread, so
 * worker threads can encode and decode 4 MiB chunks without allocating contexts.
 *
 * <p>Checks, in PBS's order: size and magic, CRC (on load), then decompress / decrypt with the
 * tag, then digest, then size. Every failure is a typed exception naming the source and offset.
 */
public final class DataBlobCodec {
    /** Largest input {@link #encode} accepts, and the default bound on decoded output. */
    public static final int MAX_BLOB_SIZE = 128 * 1024 * 1024;
    /** Largest plain chunk the server accepts on upload. */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    public static final int MIN_CHUNK_ENCODED_SIZE = 13;
    public static final int MAX_CHUNK_ENCODED_SIZE = MAX_CHUNK_SIZE + DataBlob.ENCRYPTED_HEADER_SIZE;
    public static final int MIN_BLOB_ENCODED_SIZE = DataBlob.HEADER_SIZE;
    public static final int MAX_BLOB_UPLOAD_SIZE = MAX_CHUNK_SIZE + DataBlob.ENCRYPTED_HEADER_SIZE;
    /**
     * Largest encoded blob {@link #load} accepts: a streaming writer may have stored
     * incompressible data with the compressed magic, so allow the zstd bound of the largest input.
     */
    public static final int MAX_ENCODED_SIZE =
            (int) Zstd.compressBound(MAX_BLOB_SIZE) + DataBlob.ENCRYPTED_HEADER_SIZE;

    private DataBlobCodec() {
    }

    // ---------------------------------------------------------------- encode

    /** Encodes {@code data}; encrypted if {@code cryptConfig} is non-null. */
    public static DataBlob encode(byte[] data, CryptConfig cryptConfig, boolean compress) {
        return encode(data, 0, data.length, cryptConfig, compress, RandomSource.secure());
    }

    /**
     * Encodes {@code data[off, off+len)} ({@code blob-format.md} §3): zstd level 1 is kept only
     * if it shrinks the data; then AES-256-GCM with a fresh IV from {@code ivSource}.
     */
    public static DataBlob encode(byte[] data, int off, int len, CryptConfig cryptConfig,
            boolean compress, RandomSource ivSource) {
        if (len < 0 || len > MAX_BLOB_SIZE) {
            throw new IllegalArgumentException("data blob too large (" + len + " bytes, max " + MAX_BLOB_SIZE + ")");
        }
        if (cryptConfig == null) {
            if (compress) {
                BoundedZstd zstd = BoundedZstd.get();
                int zlen = zstd.compress(data, off, len, DataBlob.HEADER_SIZE);
                if (zlen < len) {
                    byte[] raw = Arrays.copyOf(zstd.scratch(), DataBlob.HEADER_SIZE + zlen);
                    return seal(raw, BlobMagic.COMPRESSED_BLOB_1_0, DataBlob.HEADER_SIZE);
                }
            }
            byte[] raw = new byte[DataBlob.HEADER_SIZE + len];
            System.arraycopy(data, off, raw, DataBlob.HEADER_SIZE, len);
            return seal(raw, BlobMagic.UNCOMPRESSED_BLOB_1_0, DataBlob.HEADER_SIZE);
        }
        byte[] plain = data;
        int plainOff = off;
        int plainLen = len;
        long magic = BlobMagic.ENCRYPTED_BLOB_1_0;
        if (compress) {
            BoundedZstd zstd = BoundedZstd.get();
            int zlen = zstd.compress(data, off, len, 0);
            if (zlen < len) {
                plain = zstd.scratch();
                plainOff = 0;
                plainLen = zlen;
                magic = BlobMagic.ENCR_COMPR_BLOB_1_0;
            }
        }
        byte[] raw = new byte[DataBlob.ENCRYPTED_HEADER_SIZE + plainLen];
        byte[] iv = ivSource.bytes(AesGcm.IV_SIZE);
        System.arraycopy(iv, 0, raw, DataBlob.IV_OFFSET, AesGcm.IV_SIZE);
        AesGcm.encrypt(cryptConfig.aesKey(), iv, plain, plainOff, plainLen,
                raw, DataBlob.ENCRYPTED_HEADER_SIZE, raw, DataBlob.TAG_OFFSET);
        return seal(raw, magic, DataBlob.ENCRYPTED_HEADER_SIZE);
    }

    private static DataBlob seal(byte[] raw, long magic, int headerSize) {
        BlobMagic.write(magic, raw, 0);
        putIntLE(raw, DataBlob.CRC_OFFSET, crc(raw, headerSize, raw.length - headerSize));
        return new DataBlob(raw, magic, null);
    }

    // ---------------------------------------------------------------- load

    /** Checks magic, size and CRC of an encoded blob (§6.1); copies {@code raw}. */
    public static DataBlob load(byte[] raw, String source) {
        return check(raw.clone(), source, true);
    }

    /**
     * Like {@link #load} but without the CRC check, for recovery tools that want the content of
     * a blob whose CRC is damaged; decoding still checks the GCM tag and the digest.
     */
    public static DataBlob loadWithoutCrc(byte[] raw, String source) {
        return check(raw.clone(), source, false);
    }

    /** Reads exactly {@code size} bytes from {@code channel} and checks them like {@link #load}. */
    public static DataBlob read(ReadableByteChannel channel, long size, String source) throws IOException {
        if (size > MAX_ENCODED_SIZE) {
            throw new CorruptDataException(source, MAX_ENCODED_SIZE, "blob too large (" + size + " bytes)");
        }
        byte[] raw = new byte[(int) size];
        ByteBuffer buf = ByteBuffer.wrap(raw);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new CorruptDataException(source, buf.position(), "blob truncated, expected " + size + " bytes");
            }
        }
        return check(raw, source, true);
    }

    /** Reads and checks a blob file; the path is the source in error messages. */
    public static DataBlob read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, ch.size(), file.toString());
        }
    }

    private static DataBlob check(byte[] raw, String source, boolean verifyCrc) {
        if (raw.length < DataBlob.HEADER_SIZE) {
            throw new CorruptDataException(source, raw.length, "blob too small (" + raw.length + " bytes)");
        }
        if (raw.length > MAX_ENCODED_SIZE) {
            throw new CorruptDataException(source, MAX_ENCODED_SIZE, "blob too large (" + raw.length + " bytes)");
        }
        long magic = BlobMagic.read(raw, 0);
        if (!BlobMagic.isDataBlob(magic)) {
            throw new CorruptDataException(source, 0, "wrong blob magic " + BlobMagic.hex(magic));
        }
        int headerSize = DataBlob.HEADER_SIZE;
        if (BlobMagic.isEncrypted(magic)) {
            headerSize = DataBlob.ENCRYPTED_HEADER_SIZE;
            if (raw.length < headerSize) {
                throw new CorruptDataException(source, raw.length,
                        "encrypted blob too small (" + raw.length + " bytes)");
            }
        }
        int stored = getIntLE(raw, DataBlob.CRC_OFFSET);
        int computed = crc(raw, headerSize, raw.length - headerSize);
        if (verifyCrc && stored != computed) {
            throw new ChecksumMismatchException(source, DataBlob.CRC_OFFSET, String.format(
                    "wrong CRC checksum (stored %08x, computed %08x)", stored, computed));
        }
        return new DataBlob(raw, magic, source);
    }

    // ---------------------------------------------------------------- decode

    /** Decodes with the default output bound of {@link #MAX_BLOB_SIZE} (§6.2). */
    public static byte[] decode(DataBlob blob, CryptConfig cryptConfig, byte[] expectedDigest) {
        return decode(blob, cryptConfig, expectedDigest, MAX_BLOB_SIZE);
    }

    /**
     * Decodes the plain data, producing at most {@code maxSize} bytes, and checks the digest
     * if one is expected (keyed for encrypted magics).
     */
    public static byte[] decode(DataBlob blob, CryptConfig cryptConfig, byte[] expectedDigest, int maxSize) {
        return decode(blob, cryptConfig, expectedDigest, maxSize, -1);
    }

    /** Decodes a chunk whose plain size is known (from the index), checking digest then size. */
    public static byte[] decodeChunk(DataBlob blob, CryptConfig cryptConfig, byte[] expectedDigest,
            int expectedSize) {
        byte[] data = decode(blob, cryptConfig, expectedDigest, expectedSize, expectedSize);
        checkSize(blob, data.length, expectedSize);
        return data;
    }

    /**
     * Server-side chunk check (§6.3): an encrypted chunk passes (no key; magic and CRC were
     * checked at load); otherwise decode, compare {@code SHA-256(data)} and the size.
     */
    public static void verifyUnencrypted(DataBlob blob, long expectedSize, byte[] expectedDigest) {
        if (blob.isEncrypted()) {
            return;
        }
        if (expectedSize < 0 || expectedSize > MAX_BLOB_SIZE) {
            throw new CorruptDataException(blob.source(), -1, "impossible expected size " + expectedSize);
        }
        // hash without copying: the payload itself, or one zstd frame decompressed into a per-thread buffer
        byte[] raw = blob.array();
        int headerSize = blob.headerSize();
        int payloadLen = raw.length - headerSize;
        byte[] plain = raw;
        int plainOff = headerSize;
        if (blob.isCompressed()) {
            plain = BoundedZstd.get().decompressExactIntoScratch(raw, headerSize, payloadLen, (int) expectedSize,
                    blob.source(), headerSize);
            plainOff = 0;
        } else if (payloadLen != expectedSize) {
            plain = null;
        }
        if (plain == null || expectedDigest == null) {
            decodeChunk(blob, null, expectedDigest, (int) expectedSize); // the general path reports what is wrong
            return;
        }
        byte[] actual = ChunkDigest.plain(plain, plainOff, (int) expectedSize);
        if (!ChunkDigest.matches(expectedDigest, actual)) {
            throw new ChecksumMismatchException(blob.source(), headerSize, "detected chunk with wrong digest (expected "
                    + ChunkDigest.hex(expectedDigest) + ", got " + ChunkDigest.hex(actual) + ")");
        }
    }

    private static byte[] decode(DataBlob blob, CryptConfig cryptConfig, byte[] expectedDigest,
            int maxSize, int sizeHint) {
        byte[] raw = blob.array();
        String source = blob.source();
        int headerSize = blob.headerSize();
        int payloadLen = raw.length - headerSize;
        byte[] data;
        if (!blob.isEncrypted()) {
            if (blob.isCompressed()) {
                data = BoundedZstd.get().decompress(raw, headerSize, payloadLen, maxSize, sizeHint, source, headerSize);
            } else {
                checkLimit(blob, payloadLen, maxSize);
                data = Arrays.copyOfRange(raw, headerSize, raw.length);
            }
        } else {
            if (cryptConfig == null) {
                throw new DecryptionException(source, 0, "missing CryptConfig for encrypted blob");
            }
            if (!blob.isCompressed()) {
                checkLimit(blob, payloadLen, maxSize);
            }
            byte[] plain;
            try {
                plain = AesGcm.decrypt(cryptConfig.aesKey(), raw, DataBlob.IV_OFFSET, DataBlob.TAG_OFFSET,
                        headerSize, payloadLen);
            } catch (AEADBadTagException e) {
                throw new DecryptionException(source, DataBlob.TAG_OFFSET,
                        "authentication tag mismatch (wrong key or tampered data)", e);
            }
            data = blob.isCompressed()
                    ? BoundedZstd.get().decompress(plain, 0, plain.length, maxSize, sizeHint, source, headerSize)
                    : plain;
        }
        if (expectedDigest != null) {
            byte[] actual = ChunkDigest.of(data, blob.isEncrypted() ? cryptConfig : null);
            if (!ChunkDigest.matches(expectedDigest, actual)) {
                throw new ChecksumMismatchException(source, headerSize, "detected chunk with wrong digest (expected "
                        + ChunkDigest.hex(expectedDigest) + ", got " + ChunkDigest.hex(actual) + ")");
            }
        }
        return data;
    }

    private static void checkLimit(DataBlob blob, int size, int maxSize) {
        if (size > maxSize) {
            throw new CorruptDataException(blob.source(), blob.headerSize(),
                    "decoded data exceeds the limit of " + maxSize + " bytes (" + size + " bytes)");
        }
    }

    private static void checkSize(DataBlob blob, int actual, long expected) {
        if (actual != expected) {
            throw new CorruptDataException(blob.source(), blob.headerSize(),
                    "data blob has wrong size (" + actual + " != " + expected + ")");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** CRC-32 (IEEE) as stored in blob headers. */
    public static int crc(byte[] b, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        return (int) crc.getValue();
    }

    private static int getIntLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
