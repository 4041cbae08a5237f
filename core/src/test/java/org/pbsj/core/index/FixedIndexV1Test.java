package org.pbsj.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.index.IndexFixtures.CTIME;
import static org.pbsj.core.index.IndexFixtures.UUID_1;
import static org.pbsj.core.index.IndexFixtures.flipByte;
import static org.pbsj.core.index.IndexFixtures.patch;
import static org.pbsj.core.index.IndexFixtures.patchLong;
import static org.pbsj.core.index.IndexFixtures.truncate;
import static org.pbsj.core.index.IndexFixtures.writeFixed;
import static org.pbsj.core.testutil.TestInputs.hex;
import static org.pbsj.core.testutil.TestInputs.inputA;
import static org.pbsj.core.testutil.TestInputs.sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.IndexFile.ChunkPosition;

@Timeout(30)
class FixedIndexV1Test {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void magicIsHashOfName() {
        byte[] h = sha256("Proxmox Backup fixed sized chunk index v1.0".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(Arrays.copyOf(h, 8), FixedIndexV1.MAGIC);
        assertEquals("2f7f41ed91fd0fcd", HexFormat.of().formatHex(FixedIndexV1.MAGIC));
    }

    @Test
    void specVectorInputA() throws IOException {
        byte[] data = inputA(MIB);
        Path file = dir.resolve("drive-scsi0.img.fidx");
        IndexSummary summary = writeFixed(file, data, 262144);
        assertEquals(4224, Files.size(file));
        FixedIndexV1 idx = FixedIndexV1.open(file);
        assertEquals(4, idx.count());
        assertEquals(MIB, idx.size());
        assertEquals(262144, idx.chunkSize());
        byte[] csum = hex("f22b80a6463117bdbfbb283e7ce48f08c5740737bc3993e47621c58f7890c35f");
        assertArrayEquals(csum, idx.computeCsum());
        assertArrayEquals(csum, idx.storedCsum());
        assertArrayEquals(csum, summary.csum());
        assertEquals(UUID_1, idx.uuid());
        assertEquals(CTIME, idx.ctime());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(sha256(data, i * 262144, 262144), idx.digest(i));
        }
        idx.sanityCheck();
    }

    @Test
    void headerBytesAreAtSpecOffsets() throws IOException {
        Path file = dir.resolve("a.fidx");
        writeFixed(file, inputA(1000), 512);
        byte[] raw = Files.readAllBytes(file);
        assertEquals("2f7f41ed91fd0fcd", HexFormat.of().formatHex(raw, 0, 8));
        assertEquals("0f1e2d3c4b5a69788796a5b4c3d2e1f0", HexFormat.of().formatHex(raw, 8, 24));
        assertEquals("00f1536500000000", HexFormat.of().formatHex(raw, 24, 32)); // 1700000000 LE
        assertEquals("e803000000000000", HexFormat.of().formatHex(raw, 64, 72)); // 1000
        assertEquals("0002000000000000", HexFormat.of().formatHex(raw, 72, 80)); // 512
        for (int i = 80; i < 4096; i++) {
            assertEquals(0, raw[i], "reserved byte " + i);
        }
        assertEquals(4096 + 2 * 32, raw.length);
    }

    @Test
    void offsetsMapToChunks() throws IOException {
        Path file = dir.resolve("a.fidx");
        writeFixed(file, inputA(1000), 256);
        FixedIndexV1 idx = FixedIndexV1.open(file);
        assertEquals(4, idx.count());
        assertEquals(Optional.of(new ChunkPosition(0, 0)), idx.chunkFromOffset(0));
        assertEquals(Optional.of(new ChunkPosition(1, 0)), idx.chunkFromOffset(256));
        assertEquals(Optional.of(new ChunkPosition(3, 231)), idx.chunkFromOffset(999));
        assertEquals(Optional.empty(), idx.chunkFromOffset(1000));
        assertEquals(Optional.empty(), idx.chunkFromOffset(-1));
        assertEquals(768, idx.chunkStart(3));
        assertEquals(1000, idx.chunkEnd(3));
        assertEquals(232, idx.chunkLength(3));
        assertEquals(256, idx.chunkLength(0));
        assertThrows(IndexOutOfBoundsException.class, () -> idx.digest(4));
        assertThrows(IndexOutOfBoundsException.class, () -> idx.chunkEnd(-1));
    }

    @Test
    void emptyImage() throws IOException {
        Path file = dir.resolve("empty.img.fidx");
        writeFixed(file, new byte[0], 4 * MIB);
        FixedIndexV1 idx = FixedIndexV1.open(file);
        assertEquals(0, idx.count());
        assertEquals(4096, Files.size(file));
        assertArrayEquals(sha256(new byte[0]), idx.computeCsum());
        assertEquals(Optional.empty(), idx.chunkFromOffset(0));
        idx.sanityCheck();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 4095})
    void truncatedHeader(int length) throws IOException {
        Path file = validFile();
        truncate(file, length);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
        assertEquals(file.toString(), e.source());
        assertEquals(length, e.offset());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void wrongMagic() throws IOException {
        Path file = validFile();
        flipByte(file, 3);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void dynamicIndexIsNotAFixedIndex() throws IOException {
        Path file = dir.resolve("x.didx");
        IndexFixtures.writeDynamic(file, inputA(100_000), 64 * 1024);
        assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
    }

    @Test
    void truncatedEntries() throws IOException {
        Path file = validFile();
        truncate(file, Files.size(file) - 1);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
        assertEquals(4096, e.offset());
        assertTrue(e.getMessage().contains("unexpected file size"), e.getMessage());
        truncate(file, Files.size(file) - 31);
        assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
    }

    @Test
    void extraEntry() throws IOException {
        Path file = validFile();
        patch(file, Files.size(file), new byte[32]);
        assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, Long.MIN_VALUE, 1L << 62, Long.MAX_VALUE})
    void absurdImageSize(long size) throws IOException {
        Path file = validFile();
        patchLong(file, FixedIndexV1.SIZE_OFFSET, size);
        PbsFormatException e = assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
        assertEquals(file.toString(), e.source());
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, -1L, 3L, 1000L, 1L << 28, Long.MIN_VALUE})
    void absurdChunkSize(long chunkSize) throws IOException {
        Path file = validFile();
        patchLong(file, FixedIndexV1.CHUNK_SIZE_OFFSET, chunkSize);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file));
        assertEquals(FixedIndexV1.CHUNK_SIZE_OFFSET, e.offset());
    }

    @Test
    void flippedDigestByteFailsSanityCheck() throws IOException {
        Path file = validFile();
        byte[] before = FixedIndexV1.open(file).computeCsum();
        flipByte(file, 4096 + 32 + 5);
        FixedIndexV1 idx = FixedIndexV1.open(file);
        assertTrue(!Arrays.equals(before, idx.computeCsum()));
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, idx::sanityCheck);
        assertEquals(32, e.offset());
        assertEquals(file.toString(), e.source());
    }

    @Test
    void flippedCsumByteFailsSanityCheck() throws IOException {
        Path file = validFile();
        flipByte(file, 40);
        assertThrows(ChecksumMismatchException.class, () -> FixedIndexV1.open(file).sanityCheck());
    }

    @Test
    void unwrittenDigestFailsSanityCheck() throws IOException {
        Path file = validFile();
        patch(file, 4096 + 2 * 32, new byte[32]);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> FixedIndexV1.open(file).sanityCheck());
        assertEquals(4096 + 2 * 32, e.offset());
    }

    @Test
    void wrapReadsInMemoryIndex() throws IOException {
        Path file = validFile();
        FixedIndexV1 idx = FixedIndexV1.wrap(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)), "mem");
        assertArrayEquals(FixedIndexV1.open(file).computeCsum(), idx.computeCsum());
        assertEquals("mem", idx.source());
    }

    private Path validFile() throws IOException {
        Path file = dir.resolve("v.img.fidx");
        writeFixed(file, inputA(5000), 1024);
        return file;
    }
}
