package org.pbsj.core.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pbsj.core.testutil.TestInputs.chunkEnds;

import java.util.List;

import org.junit.jupiter.api.Test;

class FixedChunkerTest {

    @Test
    void defaultIsFourMiB() {
        assertEquals(4 * 1024 * 1024, new FixedChunker().chunkSize());
        assertEquals(4 * 1024 * 1024, new FixedChunker().maxChunkSize());
    }

    @Test
    void splitsIntoEqualPiecesAndRemainder() {
        assertEquals(List.of(100L, 200L, 250L), chunkEnds(new FixedChunker(100), new byte[250]));
        assertEquals(List.of(100L, 200L), chunkEnds(new FixedChunker(100), new byte[200]));
        assertEquals(List.of(), chunkEnds(new FixedChunker(100), new byte[0]));
    }

    @Test
    void stateCarriesAcrossCalls() {
        FixedChunker c = new FixedChunker(10);
        byte[] b = new byte[9];
        assertEquals(0, c.scan(b, 0, 7));
        assertEquals(3, c.scan(b, 0, 7));
        c.reset();
        assertEquals(0, c.scan(b, 0, 9));
        assertEquals(1, c.scan(b, 0, 5));
    }

    @Test
    void rejectsNonPositiveSize() {
        assertThrows(IllegalArgumentException.class, () -> new FixedChunker(0));
    }
}
