package org.pbsj.core.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.testutil.TestInputs.chunkEnds;
import static org.pbsj.core.testutil.TestInputs.inputA;
import static org.pbsj.core.testutil.TestInputs.inputB;
import static org.pbsj.core.testutil.TestInputs.sha256Hex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuzhashChunkerTest {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    /** Spec §7 lists "offset length"; these are the chunk ends. */
    private static List<Long> endsFromOffsetLength(long... pairs) {
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            ends.add(pairs[i] + pairs[i + 1]);
        }
        return ends;
    }

    @Test
    void tableMatchesSpecChecksum() {
        ByteBuffer b = ByteBuffer.allocate(256 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : BuzhashChunker.TABLE) {
            b.putInt(v);
        }
        assertEquals(256, BuzhashChunker.TABLE.length);
        assertEquals("5b52080d38287da9d2e278466e3e0db7ec98e5e8b226f50612a56fa012b1f660", sha256Hex(b.array()));
    }

    @Test
    void derivedParameters() {
        BuzhashChunker c = new BuzhashChunker();
        assertEquals(4 * MIB, c.avg());
        assertEquals(MIB, c.minChunkSize());
        assertEquals(16 * MIB, c.maxChunkSize());
        assertEquals(128 * KIB, new BuzhashChunker(BuzhashChunker.CATALOG_AVG).minChunkSize());
        assertEquals(256 * KIB, new BuzhashChunker(64 * KIB).maxChunkSize());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -64, 100, 3 * 1024, 32, 1 << 29})
    void rejectsBadAverage(int avg) {
        assertThrows(IllegalArgumentException.class, () -> new BuzhashChunker(avg));
    }

    @Test
    void inputsMatchSpecHashes() {
        assertEquals("21b9bf484e8bb6ca346d2cd113f24594cadb15c31c3e6ea4bd99897b1e728282", sha256Hex(inputA(MIB)));
        assertEquals("3c5e81b40c5ec68e04a3406c97d63cfb",
                java.util.HexFormat.of().formatHex(inputB(16)));
        assertEquals("8ffdf7e6cfde155ab118e1f70435db9efd0e96745e674854895edd173fc591ca", sha256Hex(inputB(MIB)));
        assertEquals("0dfebe2ad1d6a8ee9c83f409b31d4f8815d77ad89cdf0633c602ec928cbcb73b", sha256Hex(inputB(8 * MIB)));
    }

    @Test
    void vectorA() {
        assertEquals(endsFromOffsetLength(0, 143377, 143377, 262144, 405521, 262144, 667665, 262144, 929809, 118767),
                chunkEnds(new BuzhashChunker(64 * KIB), inputA(MIB)));
    }

    @Test
    void vectorB1() {
        assertEquals(endsFromOffsetLength(
                0, 41618, 41618, 95220, 136838, 84203, 221041, 39402, 260443, 45948,
                306391, 18076, 324467, 22137, 346604, 19944, 366548, 43177, 409725, 37694,
                447419, 33567, 480986, 52023, 533009, 33221, 566230, 26668, 592898, 51842,
                644740, 45686, 690426, 55790, 746216, 54887, 801103, 52292, 853395, 58856,
                912251, 37396, 949647, 59736, 1009383, 20569, 1029952, 18624),
                chunkEnds(new BuzhashChunker(64 * KIB), inputB(MIB)));
    }

    @Test
    void vectorB2() {
        assertEquals(endsFromOffsetLength(
                0, 221442, 221442, 145106, 366548, 434555, 801103, 1080631, 1881734, 191947,
                2073681, 925078, 2998759, 161294, 3160053, 156081, 3316134, 133676, 3449810, 1082807,
                4532617, 450329, 4982946, 642655, 5625601, 370858, 5996459, 614892, 6611351, 388552,
                6999903, 180491, 7180394, 152824, 7333218, 243572, 7576790, 248161, 7824951, 563657),
                chunkEnds(new BuzhashChunker(512 * KIB), inputB(8 * MIB)));
    }

    @Test
    void vectorB3() {
        byte[] data = inputB(64 * MIB);
        assertEquals("fd49f2d70d774051e50cdaa6a19c36dd9964dbf1cf2c7687413939e834859703", sha256Hex(data));
        assertEquals(endsFromOffsetLength(
                0, 3316134, 3316134, 4017084, 7333218, 10684545, 18017763, 2391807,
                20409570, 2106423, 22515993, 1576339, 24092332, 4732469, 28824801, 5023134,
                33847935, 5730971, 39578906, 2323042, 41901948, 1414407, 43316355, 6639781,
                49956136, 4630979, 54587115, 1574301, 56161416, 2823405, 58984821, 1395905,
                60380726, 2637817, 63018543, 1263644, 64282187, 2826677),
                chunkEnds(new BuzhashChunker(), data));
    }

    @Test
    void zerosGiveOnlyMaxSizedChunks() {
        assertEquals(List.of(262144L, 524288L, 786432L, 1048576L),
                chunkEnds(new BuzhashChunker(64 * KIB), new byte[MIB]));
        assertEquals(List.of(16L * MIB, 32L * MIB), chunkEnds(new BuzhashChunker(), new byte[32 * MIB]));
    }

    @Test
    void emptyInputHasNoChunk() {
        BuzhashChunker c = new BuzhashChunker(64 * KIB);
        assertEquals(0, c.scan(new byte[0]));
        assertEquals(List.of(), chunkEnds(c, new byte[0]));
    }

    @Test
    void randomPiecesGiveSameBoundaries() {
        Random rnd = new Random(42);
        for (byte[] data : List.of(inputA(MIB), inputB(MIB), new byte[MIB])) {
            List<Long> expected = chunkEnds(new BuzhashChunker(64 * KIB), data);
            for (int maxPiece : new int[] {1, 7, 100, 5000, 100000}) {
                assertEquals(expected, chunkEndsInPieces(new BuzhashChunker(64 * KIB), data, rnd, maxPiece),
                        "pieces up to " + maxPiece);
            }
        }
    }

    @Test
    void matchesStraightforwardSpecImplementation() {
        Random rnd = new Random(7);
        for (int avg : new int[] {64, 128, 256, 1024, 4096, 64 * KIB}) {
            // low-entropy data makes boundaries rare, so max is hit as well
            byte[] data = new byte[300_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : (i >> 10));
            }
            List<Long> expected = referenceEnds(avg, data);
            assertEquals(expected, chunkEnds(new BuzhashChunker(avg), data), "avg " + avg);
            assertEquals(expected, chunkEndsInPieces(new BuzhashChunker(avg), data, rnd, 300), "avg " + avg);
        }
    }

    @Test
    void nonFinalChunkLengthsWithinMinMax() {
        BuzhashChunker c = new BuzhashChunker(64 * KIB);
        List<Long> ends = chunkEnds(c, inputB(8 * MIB));
        long prev = 0;
        for (int i = 0; i < ends.size() - 1; i++) {
            long len = ends.get(i) - prev;
            assertTrue(len >= c.minChunkSize() && len <= c.maxChunkSize(), "chunk " + i + " length " + len);
            prev = ends.get(i);
        }
    }

    @Test
    void resetStartsAFreshChunk() {
        byte[] data = inputB(MIB);
        BuzhashChunker c = new BuzhashChunker(64 * KIB);
        c.scan(data, 0, 1000);
        c.reset();
        assertEquals(chunkEnds(new BuzhashChunker(64 * KIB), data), chunkEnds(c, data));
    }

    @Test
    void scanChecksBounds() {
        BuzhashChunker c = new BuzhashChunker(64 * KIB);
        assertThrows(IndexOutOfBoundsException.class, () -> c.scan(new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> c.scan(new byte[10], -1, 2));
    }

    private static List<Long> chunkEndsInPieces(Chunker chunker, byte[] data, Random rnd, int maxPiece) {
        List<Long> ends = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int piece = Math.min(1 + rnd.nextInt(maxPiece), data.length - pos);
            int off = pos;
            int left = piece;
            while (left > 0) {
                int n = chunker.scan(data, off, left);
                if (n == 0) {
                    break;
                }
                off += n;
                left -= n;
                ends.add((long) off);
            }
            pos += piece;
        }
        if (ends.isEmpty() || ends.get(ends.size() - 1) != data.length) {
            ends.add((long) data.length);
        }
        return ends;
    }

    /** chunker.md §3 transcribed literally: ring buffer, one call per byte, no skipping. */
    private static List<Long> referenceEnds(int avg, byte[] data) {
        int min = avg >> 2;
        int max = avg << 2;
        int mask = 2 * avg - 1;
        int threshold = mask - 2;
        byte[] window = new byte[64];
        int h = 0;
        int fill = 0;
        int chunkLen = 0;
        List<Long> ends = new ArrayList<>();
        for (int k = 0; k < data.length; k++) {
            int b = data[k] & 0xff;
            boolean boundary;
            if (fill < 64) {
                window[fill++] = (byte) b;
                h = Integer.rotateLeft(h, 1) ^ BuzhashChunker.TABLE[b];
                chunkLen++;
                boundary = false;
            } else {
                int i = chunkLen & 63;
                int out = window[i] & 0xff;
                h = Integer.rotateLeft(h, 1) ^ BuzhashChunker.TABLE[out] ^ BuzhashChunker.TABLE[b];
                chunkLen++;
                window[i] = (byte) b;
                boundary = chunkLen >= max || (chunkLen >= min && Integer.compareUnsigned(h & mask, threshold) >= 0);
            }
            if (boundary) {
                ends.add((long) k + 1);
                h = 0;
                chunkLen = 0;
                fill = 0;
                Arrays.fill(window, (byte) 0);
            }
        }
        if (ends.isEmpty() ? data.length > 0 : ends.get(ends.size() - 1) != data.length) {
            ends.add((long) data.length);
        }
        return ends;
    }
}
