package org.pbsj.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.crypto.RandomSource;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;
import org.pbsj.core.error.PbsFormatException;

class DataBlobCodecTest {
    static final String SOURCE = "chunk-under-test";
    static final HexFormat HEX = HexFormat.of();
    static final CryptConfig KEY = CryptConfig.fromKey(HEX.parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    static final CryptConfig OTHER_KEY = CryptConfig.fromKey(new byte[32]);
    static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);
    static final RandomSource SPEC_IV = out -> {
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (0x10 + i);
        }
    };

    static byte[] compressible(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ("backup data " + (i / 64)).charAt(i % 12);
        }
        return b;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reloads an encoded blob under {@link #SOURCE} so that errors name it. */
    static DataBlob reload(DataBlob blob) {
        return DataBlobCodec.load(blob.raw(), SOURCE);
    }

    /** A hand-made unencrypted blob with a correct CRC. */
    static byte[] craft(long magic, byte[] payload) {
        byte[] raw = new byte[12 + payload.length];
        BlobMagic.write(magic, raw, 0);
        System.arraycopy(payload, 0, raw, 12, payload.length);
        int crc = DataBlobCodec.crc(raw, 12, payload.length);
        for (int i = 0; i < 4; i++) {
            raw[8 + i] = (byte) (crc >>> (8 * i));
        }
        return raw;
    }

    static <T extends PbsFormatException> T assertFails(Class<T> type, long offset, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(SOURCE, e.source());
        assertEquals(offset, e.offset(), e.getMessage());
        String where = offset >= 0 ? SOURCE + " at offset " + offset + ": " : SOURCE + ": ";
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        return e;
    }

    // ---------------------------------------------------------------- spec vectors (§8)

    @Test
    void uncompressedHelloWorldVector() {
        DataBlob blob = DataBlobCodec.encode(HELLO, null, false);
        assertEquals("42ab3807be8370a1" + "85114a0d" + "68656c6c6f20776f726c64", HEX.formatHex(blob.raw()));
        assertEquals(0x0d4a1185, blob.storedCrc());
        assertEquals(CryptMode.NONE, blob.cryptMode());
        byte[] digest = HEX.parseHex("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assertArrayEquals(HELLO, DataBlobCodec.decode(reload(blob), null, digest));
    }

    @Test
    void loadWithoutCrcKeepsTheOtherChecks() {
        byte[] raw = DataBlobCodec.encode(HELLO, null, false).raw();
        raw[DataBlob.CRC_OFFSET] ^= 1;
        assertThrows(ChecksumMismatchException.class, () -> DataBlobCodec.load(raw, "bad-crc"));
        DataBlob blob = DataBlobCodec.loadWithoutCrc(raw, "bad-crc");
        assertArrayEquals(HELLO, DataBlobCodec.decode(blob, null, ChunkDigest.of(HELLO, null)));
        raw[DataBlob.HEADER_SIZE] ^= 1; // now the content is damaged too: the digest catches it
        assertThrows(ChecksumMismatchException.class, () -> DataBlobCodec.decode(
                DataBlobCodec.loadWithoutCrc(raw, "bad"), null, ChunkDigest.of(HELLO, null)));
        assertThrows(CorruptDataException.class, () -> DataBlobCodec.loadWithoutCrc(new byte[20], "no-magic"));
    }

    @Test
    void compressionIsSkippedWhenItDoesNotShrink() {
        // zstd output for 11 bytes is longer than the input, so PBS stores it raw.
        assertEquals(BlobMagic.UNCOMPRESSED_BLOB_1_0, DataBlobCodec.encode(HELLO, null, true).magic());
        assertEquals(BlobMagic.ENCRYPTED_BLOB_1_0,
                DataBlobCodec.encode(HELLO, 0, HELLO.length, KEY, true, SPEC_IV).magic());
    }

    @Test
    void encryptedHelloWorldVector() {
        DataBlob blob = DataBlobCodec.encode(HELLO, 0, HELLO.length, KEY, false, SPEC_IV);
        assertEquals("7b6785be222d4cf0" + "98058728" + "101112131415161718191a1b1c1d1e1f"
                + "26f970bd1579ed9fd66914f526604f05" + "e23f560c88514cc01967fa", HEX.formatHex(blob.raw()));
        assertEquals(55, blob.size());
        assertEquals(0x28870598, blob.storedCrc());
        assertEquals(CryptMode.ENCRYPT, blob.cryptMode());
        assertEquals("101112131415161718191a1b1c1d1e1f", HEX.formatHex(blob.iv()));
        assertEquals("26f970bd1579ed9fd66914f526604f05", HEX.formatHex(blob.tag()));
        byte[] digest = HEX.parseHex("29d6770e718a93cf4a7663ddc167cf40c128b67cc20d36bd49adec140981f9d5");
        assertArrayEquals(HELLO, DataBlobCodec.decode(reload(blob), KEY, digest));
    }

    @Test
    void zeroChunkRoundTripsWithItsSpecDigests() {
        byte[] zero = new byte[4 * 1024 * 1024];
        byte[] plain = HEX.parseHex("bb9f8df61474d25e71fa00722318cd387396ca1736605e1248821cc0de3d3af8");
        byte[] keyed = HEX.parseHex("348571e12bbbedb529def1f1394316e338a01945d871df9ef792617ceb13d636");
        DataBlob c = DataBlobCodec.encode(zero, null, true);
        assertEquals(BlobMagic.COMPRESSED_BLOB_1_0, c.magic());
        assertTrue(c.size() < 1024);
        assertArrayEquals(zero, DataBlobCodec.decodeChunk(reload(c), null, plain, zero.length));
        DataBlob e = DataBlobCodec.encode(zero, KEY, true);
        assertEquals(BlobMagic.ENCR_COMPR_BLOB_1_0, e.magic());
        assertArrayEquals(zero, DataBlobCodec.decodeChunk(reload(e), KEY, keyed, zero.length));
        DataBlobCodec.verifyUnencrypted(reload(c), zero.length, plain);
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void allFourVariantsRoundTrip() {
        for (int size : new int[] {0, 1, 100, 65536, 65537, 4 * 1024 * 1024, 4 * 1024 * 1024 + 7}) {
            byte[] text = compressible(size);
            byte[] noise = random(size, size);
            roundTrip(text, null, false, BlobMagic.UNCOMPRESSED_BLOB_1_0);
            roundTrip(noise, null, true, BlobMagic.UNCOMPRESSED_BLOB_1_0);
            roundTrip(noise, KEY, false, BlobMagic.ENCRYPTED_BLOB_1_0);
            roundTrip(noise, KEY, true, BlobMagic.ENCRYPTED_BLOB_1_0);
            if (size >= 100) {
                roundTrip(text, null, true, BlobMagic.COMPRESSED_BLOB_1_0);
                roundTrip(text, KEY, true, BlobMagic.ENCR_COMPR_BLOB_1_0);
            }
        }
    }

    private static void roundTrip(byte[] data, CryptConfig key, boolean compress, long expectedMagic) {
        DataBlob blob = DataBlobCodec.encode(data, key, compress);
        assertEquals(BlobMagic.name(expectedMagic), BlobMagic.name(blob.magic()), "size " + data.length);
        byte[] digest = ChunkDigest.of(data, key);
        assertArrayEquals(data, DataBlobCodec.decode(reload(blob), key, digest));
        assertArrayEquals(data, DataBlobCodec.decodeChunk(reload(blob), key, digest, data.length));
    }

    @Test
    void encodesASliceAndUsesFreshIvs() {
        byte[] data = compressible(10_000);
        DataBlob a = DataBlobCodec.encode(data, 100, 5000, KEY, true, RandomSource.secure());
        DataBlob b = DataBlobCodec.encode(data, 100, 5000, KEY, true, RandomSource.secure());
        assertTrue(!Arrays.equals(a.iv(), b.iv()));
        assertArrayEquals(Arrays.copyOfRange(data, 100, 5100), DataBlobCodec.decode(a, KEY, null));
    }

    @Test
    void readsFromFile(@TempDir Path dir) throws IOException {
        DataBlob blob = DataBlobCodec.encode(compressible(100_000), KEY, true);
        Path file = dir.resolve("chunk");
        try (var out = Files.newOutputStream(file)) {
            blob.writeTo(out);
        }
        DataBlob read = DataBlobCodec.read(file);
        assertEquals(blob, read);
        assertEquals(file.toString(), read.source());
        Files.write(file, Arrays.copyOf(blob.raw(), 30));
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> DataBlobCodec.read(file));
        assertEquals(30, e.offset());
        assertTrue(e.getMessage().contains(file.toString()));
    }

    @Test
    void acceptsZstdFramesWithoutContentSizeAndConcatenatedFrames() throws IOException {
        byte[] data = compressible(3 * 1024 * 1024 + 5);
        byte[] streamed = streamCompress(data);
        assertEquals(-1, Zstd.getFrameContentSize(streamed), "test needs a frame without content size");
        DataBlob blob = DataBlobCodec.load(craft(BlobMagic.COMPRESSED_BLOB_1_0, streamed), SOURCE);
        assertArrayEquals(data, DataBlobCodec.decode(blob, null, ChunkDigest.of(data, null)));
        assertArrayEquals(data, DataBlobCodec.decodeChunk(blob, null, null, data.length));

        byte[] half = Arrays.copyOf(data, data.length / 2);
        byte[] two = concat(Zstd.compress(half), streamCompress(half));
        byte[] twice = concat(half, half);
        assertArrayEquals(twice, DataBlobCodec.decode(
                DataBlobCodec.load(craft(BlobMagic.COMPRESSED_BLOB_1_0, two), SOURCE), null, null));
    }

    @Test
    void acceptsCompressedPayloadLargerThanTheData() {
        // DataBlobWriter picks the compressed magic up front, even for incompressible data.
        byte[] noise = random(50_000, 7);
        byte[] z = Zstd.compress(noise, 1);
        assertTrue(z.length > noise.length);
        DataBlob blob = DataBlobCodec.load(craft(BlobMagic.COMPRESSED_BLOB_1_0, z), SOURCE);
        assertArrayEquals(noise, DataBlobCodec.decode(blob, null, ChunkDigest.of(noise, null)));
    }

    static byte[] streamCompress(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bos, 1)) {
            for (int off = 0; off < data.length; off += 100_000) {
                z.write(data, off, Math.min(100_000, data.length - off));
            }
        }
        return bos.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ---------------------------------------------------------------- corruption

    @Test
    void truncatedBlobs() {
        DataBlob enc = DataBlobCodec.encode(compressible(5000), KEY, true);
        DataBlob plain = DataBlobCodec.encode(compressible(5000), null, true);
        assertFails(CorruptDataException.class, 0, () -> DataBlobCodec.load(new byte[0], SOURCE));
        assertFails(CorruptDataException.class, 11, () -> DataBlobCodec.load(Arrays.copyOf(plain.raw(), 11), SOURCE));
        assertFails(CorruptDataException.class, 43, () -> DataBlobCodec.load(Arrays.copyOf(enc.raw(), 43), SOURCE));
        // A cut payload fails the CRC before anything is decoded.
        assertFails(ChecksumMismatchException.class, 8,
                () -> DataBlobCodec.load(Arrays.copyOf(plain.raw(), plain.size() - 1), SOURCE));
        assertFails(ChecksumMismatchException.class, 8,
                () -> DataBlobCodec.load(Arrays.copyOf(enc.raw(), enc.size() - 1), SOURCE));
    }

    @Test
    void truncatedZstdFrameWithValidCrc() {
        byte[] z = Zstd.compress(compressible(100_000), 1);
        DataBlob blob = DataBlobCodec.load(craft(BlobMagic.COMPRESSED_BLOB_1_0, Arrays.copyOf(z, z.length - 5)), SOURCE);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> DataBlobCodec.decode(blob, null, null));
        assertEquals(SOURCE, e.source());
        assertTrue(e.offset() >= 12, e.getMessage());
    }

    @Test
    void wrongMagic() {
        byte[] raw = DataBlobCodec.encode(HELLO, null, false).raw();
        raw[0] ^= 1;
        assertFails(CorruptDataException.class, 0, () -> DataBlobCodec.load(raw, SOURCE));
        byte[] index = craft(BlobMagic.FIXED_INDEX_1_0, HELLO);
        assertFails(CorruptDataException.class, 0, () -> DataBlobCodec.load(index, SOURCE));
    }

    @Test
    void flippedByteInEachRegion() {
        byte[] data = concat(random(5_000, 3), compressible(200_000));
        byte[] digest = ChunkDigest.of(data, KEY);
        byte[] raw = DataBlobCodec.encode(data, KEY, true).raw();
        assertFails(CorruptDataException.class, 0, () -> DataBlobCodec.load(flip(raw, 3), SOURCE));
        assertFails(ChecksumMismatchException.class, 8, () -> DataBlobCodec.load(flip(raw, 9), SOURCE));
        // IV and tag are not under the CRC: GCM authentication catches them.
        assertFails(DecryptionException.class, 28,
                () -> DataBlobCodec.decode(DataBlobCodec.load(flip(raw, 20), SOURCE), KEY, digest));
        assertFails(DecryptionException.class, 28,
                () -> DataBlobCodec.decode(DataBlobCodec.load(flip(raw, 30), SOURCE), KEY, digest));
        assertFails(ChecksumMismatchException.class, 8, () -> DataBlobCodec.load(flip(raw, 1000), SOURCE));
        // Ciphertext tampered and the CRC fixed up: still caught by the tag.
        byte[] forged = flip(raw, 1000);
        fixCrc(forged, 44);
        assertFails(DecryptionException.class, 28,
                () -> DataBlobCodec.decode(DataBlobCodec.load(forged, SOURCE), KEY, digest));

        byte[] plainRaw = DataBlobCodec.encode(data, null, true).raw();
        byte[] damaged = flip(plainRaw, 20);
        fixCrc(damaged, 12);
        assertThrows(PbsFormatException.class,
                () -> DataBlobCodec.decode(DataBlobCodec.load(damaged, SOURCE), null, ChunkDigest.of(data, null)));
    }

    static byte[] flip(byte[] raw, int pos) {
        byte[] copy = raw.clone();
        copy[pos] ^= 0x40;
        return copy;
    }

    static void fixCrc(byte[] raw, int headerSize) {
        int crc = DataBlobCodec.crc(raw, headerSize, raw.length - headerSize);
        for (int i = 0; i < 4; i++) {
            raw[8 + i] = (byte) (crc >>> (8 * i));
        }
    }

    @Test
    void wrongOrMissingKey() {
        DataBlob blob = reload(DataBlobCodec.encode(compressible(10_000), KEY, true));
        assertFails(DecryptionException.class, 28, () -> DataBlobCodec.decode(blob, OTHER_KEY, null));
        assertFails(DecryptionException.class, 0, () -> DataBlobCodec.decode(blob, null, null));
        // Large payloads take the direct-buffer path: same result.
        DataBlob big = reload(DataBlobCodec.encode(random(1 << 20, 1), KEY, true));
        assertFails(DecryptionException.class, 28, () -> DataBlobCodec.decode(big, OTHER_KEY, null));
    }

    @Test
    void wrongDigestAndSize() {
        byte[] data = compressible(10_000);
        DataBlob plain = reload(DataBlobCodec.encode(data, null, true));
        DataBlob enc = reload(DataBlobCodec.encode(data, KEY, true));
        byte[] plainDigest = ChunkDigest.of(data, null);
        // An encrypted chunk is named by the keyed digest, not the plain one.
        assertFails(ChecksumMismatchException.class, 44, () -> DataBlobCodec.decode(enc, KEY, plainDigest));
        assertFails(ChecksumMismatchException.class, 12,
                () -> DataBlobCodec.decode(plain, null, ChunkDigest.of(data, KEY)));
        assertFails(ChecksumMismatchException.class, 12,
                () -> DataBlobCodec.verifyUnencrypted(plain, data.length, new byte[32]));
        assertFails(CorruptDataException.class, 12,
                () -> DataBlobCodec.verifyUnencrypted(plain, data.length + 1, plainDigest));
        assertFails(CorruptDataException.class, 12,
                () -> DataBlobCodec.verifyUnencrypted(plain, data.length - 1, plainDigest));
        DataBlobCodec.verifyUnencrypted(plain, data.length, plainDigest);
        // The server has no key: encrypted chunks pass on magic and CRC alone.
        DataBlobCodec.verifyUnencrypted(enc, 1, new byte[32]);
    }

    @Test
    void absurdSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> DataBlobCodec.encode(HELLO, 0, DataBlobCodec.MAX_BLOB_SIZE + 1, null, true, RandomSource.secure()));
        DataBlob raw = reload(DataBlobCodec.encode(new byte[1000], null, false));
        assertFails(CorruptDataException.class, 12, () -> DataBlobCodec.decode(raw, null, null, 999));
        assertFails(CorruptDataException.class, -1, () -> DataBlobCodec.verifyUnencrypted(raw, -5, new byte[32]));
        assertFails(CorruptDataException.class, DataBlobCodec.MAX_ENCODED_SIZE,
                () -> DataBlobCodec.read(null, Integer.MAX_VALUE + 10L, SOURCE));
    }

    @Test
    void zstdBombIsBounded() throws IOException {
        // 256 MiB of zeros in a few KiB, no content size in the frame (as a streaming encoder writes it).
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] mib = new byte[1 << 20];
        try (ZstdOutputStream z = new ZstdOutputStream(bos, 1)) {
            for (int i = 0; i < 256; i++) {
                z.write(mib);
            }
        }
        DataBlob bomb = DataBlobCodec.load(craft(BlobMagic.COMPRESSED_BLOB_1_0, bos.toByteArray()), SOURCE);
        assertTrue(bomb.size() < 64 * 1024);
        assertFails(CorruptDataException.class, 12, () -> DataBlobCodec.decode(bomb, null, null, 4 << 20));
        assertFails(CorruptDataException.class, 12, () -> DataBlobCodec.verifyUnencrypted(bomb, 4 << 20, new byte[32]));
        assertFails(CorruptDataException.class, 12, () -> DataBlobCodec.decode(bomb, null, null));

        // With a declared content size the bound is enforced before any allocation.
        byte[] declared = Zstd.compress(new byte[8 << 20], 1);
        DataBlob sized = DataBlobCodec.load(craft(BlobMagic.COMPRESSED_BLOB_1_0, declared), SOURCE);
        assertFails(CorruptDataException.class, 12, () -> DataBlobCodec.decode(sized, null, null, 4 << 20));

        // Inside an encrypted blob, too.
        DataBlob enc = reload(DataBlobCodec.encode(new byte[8 << 20], KEY, true));
        assertFails(CorruptDataException.class, 44, () -> DataBlobCodec.decode(enc, KEY, null, 1 << 20));
    }

    @Test
    void loadCopiesItsInput() {
        byte[] raw = DataBlobCodec.encode(HELLO, null, false).raw();
        DataBlob blob = DataBlobCodec.load(raw, SOURCE);
        raw[12] = 'j';
        assertArrayEquals(HELLO, DataBlobCodec.decode(blob, null, null));
    }
}
