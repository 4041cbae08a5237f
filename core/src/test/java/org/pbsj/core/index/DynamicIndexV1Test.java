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
import static org.pbsj.core.index.IndexFixtures.writeDynamic;
import static org.pbsj.core.testutil.TestInputs.hex;
import static org.pbsj.core.testutil.TestInputs.inputA;
import static org.pbsj.core.testutil.TestInputs.inputB;
import static org.pbsj.core.testutil.TestInputs.sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.index.IndexFile.ChunkPosition;

@Timeout(60)
class DynamicIndexV1Test {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void magicIsHashOfName() {
        byte[] h = sha256("Proxmox Backup dynamic sized chunk index v1.0".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(Arrays.copyOf(h, 8), DynamicIndexV1.MAGIC);
        assertEquals("1c914ea519bab3cd", HexFormat.of().formatHex(DynamicIndexV1.MAGIC));
    }

    @Test
    void specVectorInputA() throws IOException {
        Path file = dir.resolve("root.pxar.didx");
        IndexSummary summary = writeDynamic(file, inputA(MIB), 64 * KIB);
        assertEquals(4296, Files.size(file));
        DynamicIndexV1 idx = DynamicIndexV1.open(file);
        long[] ends = {143377, 405521, 667665, 929809, 1048576};
        String[] digests = {
            "891dda90913ff7628129fca42890e95bc5f83139c2ac53e5efdb7548b8985169",
            "dd6840938b244a8d859db2c01009963226c19ac054d427958908857f07b7e072",
            "4cb96dd2dca66dbce1f49383ca1d2c276b6d0dc1aa9c541828f354694c4d4f3c",
            "7b85905339559e704376a0dcbfd4405c0e48060496b1f5dea8a8544aef1f5217",
            "d704ea8aeaa787ff83a2712716e33a0517f499cb66ba575201810dd13f8464b9",
        };
        assertEquals(5, idx.count());
        for (int i = 0; i < 5; i++) {
            assertEquals(ends[i], idx.chunkEnd(i));
            assertArrayEquals(hex(digests[i]), idx.digest(i));
        }
        byte[] csum = hex("36c80f3493139f29c19f20073e97620d09501ee42fa4e0111368dba3c1002d8a");
        assertArrayEquals(csum, idx.computeCsum());
        assertArrayEquals(csum, idx.storedCsum());
        assertArrayEquals(csum, summary.csum());
        assertEquals(MIB, idx.size());
        assertEquals(MIB, summary.size());
        assertEquals(5, summary.chunkCount());
        assertEquals(UUID_1, idx.uuid());
        assertEquals(CTIME, idx.ctime());
        idx.sanityCheck();
    }

    @Test
    void specVectorB1() throws IOException {
        Path file = dir.resolve("b1.didx");
        writeDynamic(file, inputB(MIB), 64 * KIB);
        DynamicIndexV1 idx = DynamicIndexV1.open(file);
        assertEquals(24, idx.count());
        assertEquals("209226d6fa30c07ef2ee6f6f9656893e693cc9819eebccc56f8a8cca4447f948",
                HexFormat.of().formatHex(idx.computeCsum()));
    }

    @Test
    void specVectorB3() throws IOException {
        Path file = dir.resolve("b3.didx");
        writeDynamic(file, inputB(64 * MIB), 4 * MIB);
        DynamicIndexV1 idx = DynamicIndexV1.open(file);
        assertEquals(19, idx.count());
        assertEquals(64L * MIB, idx.size());
        assertEquals("68bd38a4ef7fa56f70ea0e1464e7e8eebcfdce1e7be5e6ba2f14027930640d3a",
                HexFormat.of().formatHex(idx.computeCsum()));
    }

    @Test
    void binarySearchMatchesLinearScan() throws IOException {
        Path file = dir.resolve("b.didx");
        writeDynamic(file, inputB(MIB), 64 * KIB);
        DynamicIndexV1 idx = DynamicIndexV1.open(file);
        assertEquals(Optional.of(new ChunkPosition(0, 0)), idx.chunkFromOffset(0));
        assertEquals(Optional.of(new ChunkPosition(0, 41617)), idx.chunkFromOffset(41617));
        assertEquals(Optional.of(new ChunkPosition(1, 0)), idx.chunkFromOffset(41618));
        assertEquals(Optional.of(new ChunkPosition(23, 18623)), idx.chunkFromOffset(MIB - 1));
        assertEquals(Optional.empty(), idx.chunkFromOffset(MIB));
        assertEquals(Optional.empty(), idx.chunkFromOffset(-1));
        Random rnd = new Random(1);
        for (int k = 0; k < 2000; k++) {
            long off = rnd.nextInt(MIB);
            int i = 0;
            while (idx.chunkEnd(i) <= off) {
                i++;
            }
            assertEquals(Optional.of(new ChunkPosition(i, off - idx.chunkStart(i))), idx.chunkFromOffset(off));
        }
    }

    @Test
    void emptyIndex() throws IOException {
        Path file = dir.resolve("empty.didx");
        writeDynamic(file, new byte[0], 64 * KIB);
        DynamicIndexV1 idx = DynamicIndexV1.open(file);
        assertEquals(0, idx.count());
        assertEquals(0, idx.size());
        assertEquals(4096, Files.size(file));
        assertEquals(Optional.empty(), idx.chunkFromOffset(0));
        assertArrayEquals(sha256(new byte[0]), idx.computeCsum());
        idx.sanityCheck();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 4095})
    void truncatedHeader(int length) throws IOException {
        Path file = validFile();
        truncate(file, length);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> DynamicIndexV1.open(file));
        assertEquals(file.toString(), e.source());
        assertEquals(length, e.offset());
    }

    @Test
    void wrongMagic() throws IOException {
        Path file = validFile();
        flipByte(file, 7);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> DynamicIndexV1.open(file));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void truncatedEntry() throws IOException {
        Path file = validFile();
        long size = Files.size(file);
        truncate(file, size - 1);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> DynamicIndexV1.open(file));
        assertEquals(size - 40, e.offset());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, Long.MIN_VALUE})
    void absurdLastEnd(long end) throws IOException {
        Path file = validFile();
        long last = Files.size(file) - 40;
        patchLong(file, last, end);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> DynamicIndexV1.open(file));
        assertEquals(last, e.offset());
    }

    @Test
    void nonIncreasingEndsFailSanityCheck() throws IOException {
        Path file = validFile();
        patchLong(file, 4096 + 40 * 2, 1);
        DynamicIndexV1 idx = DynamicIndexV1.open(file);
        CorruptDataException e = assertThrows(CorruptDataException.class, idx::sanityCheck);
        assertEquals(4096 + 40 * 2, e.offset());
        // lookups on such a file do not hang and report the damage or a position
        for (long off = 0; off < idx.size(); off += 997) {
            try {
                idx.chunkFromOffset(off);
            } catch (CorruptDataException expected) {
                assertEquals(file.toString(), expected.source());
            }
        }
    }

    @Test
    void flippedDigestByteFailsSanityCheck() throws IOException {
        Path file = validFile();
        flipByte(file, 4096 + 40 + 8 + 3);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> DynamicIndexV1.open(file).sanityCheck());
        assertEquals(32, e.offset());
    }

    @Test
    void flippedEndByteChangesCsum() throws IOException {
        Path file = validFile();
        byte[] before = DynamicIndexV1.open(file).computeCsum();
        flipByte(file, 4096 + 40 + 7); // top byte of an end: becomes absurd but not last
        assertTrue(!Arrays.equals(before, DynamicIndexV1.open(file).computeCsum()));
        assertThrows(CorruptDataException.class, () -> DynamicIndexV1.open(file).sanityCheck());
    }

    @Test
    void fixedIndexIsNotADynamicIndex() throws IOException {
        Path file = dir.resolve("x.fidx");
        IndexFixtures.writeFixed(file, inputA(1000), 256);
        assertThrows(CorruptDataException.class, () -> DynamicIndexV1.open(file));
        patch(file, 0, DynamicIndexV1.MAGIC); // right magic, but 4096 + 4*32 is no multiple of 40
        assertThrows(CorruptDataException.class, () -> DynamicIndexV1.open(file));
    }

    private Path validFile() throws IOException {
        Path file = dir.resolve("v.pxar.didx");
        writeDynamic(file, inputB(300_000), 4 * KIB);
        return file;
    }
}
