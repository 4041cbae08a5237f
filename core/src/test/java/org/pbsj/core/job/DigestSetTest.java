package org.pbsj.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DigestSetTest {
    @Test
    void behavesLikeASetAcrossGrowth() {
        DigestSet set = new DigestSet(4);
        Set<String> reference = new HashSet<>();
        Random r = new Random(42);
        byte[][] pool = new byte[3000][32];
        for (byte[] d : pool) {
            r.nextBytes(d);
        }
        for (int i = 0; i < 10_000; i++) {
            byte[] d = pool[r.nextInt(pool.length)];
            assertEquals(reference.add(HexFormat.of().formatHex(d)), set.add(d));
        }
        assertEquals(reference.size(), set.size());
        for (byte[] d : pool) {
            assertEquals(reference.contains(HexFormat.of().formatHex(d)), set.contains(d));
        }
    }

    @Test
    void allZeroDigestIsAnOrdinaryMember() {
        DigestSet set = new DigestSet();
        assertFalse(set.contains(new byte[32]));
        assertTrue(set.add(new byte[32]));
        assertFalse(set.add(new byte[32]));
        assertTrue(set.contains(new byte[32]));
        assertEquals(1, set.size());
    }

    @Test
    void addsFromAnOffset() {
        byte[] buf = new byte[40];
        buf[5] = 7;
        DigestSet set = new DigestSet();
        set.add(buf, 4);
        byte[] d = new byte[32];
        d[1] = 7;
        assertTrue(set.contains(d));
    }
}
