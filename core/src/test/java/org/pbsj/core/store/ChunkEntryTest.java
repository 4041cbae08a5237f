package org.pbsj.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkEntryTest {
    private static final String HEX = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    @Test
    void filterMatchesPbsScan() {
        assertTrue(ChunkEntry.isChunkName(HEX));
        assertTrue(ChunkEntry.isChunkName(HEX + ".3.bad"));
        assertTrue(ChunkEntry.isChunkName(HEX.toUpperCase()), "PBS uses is_ascii_hexdigit");
        assertFalse(ChunkEntry.isChunkName(HEX + ".tmp_abcdef"));
        assertFalse(ChunkEntry.isChunkName(HEX.substring(1)));
        assertFalse(ChunkEntry.isChunkName("g" + HEX.substring(1)));
        assertFalse(ChunkEntry.isChunkName("\u0660" + HEX.substring(1)), "non-ASCII digit");
    }

    @Test
    void badAndDigest() {
        ChunkEntry e = new ChunkEntry(HEX + ".0.bad", 10, 20);
        assertTrue(e.bad());
        assertEquals(HEX, e.digestHex());
        assertEquals(32, e.digest().length);
        assertFalse(new ChunkEntry(HEX, 1, 1).bad());
        assertThrows(IllegalArgumentException.class, () -> new ChunkEntry("x", 1, 1));
    }
}
