package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RandomSourceTest {
    @Test
    void secureSourceFillsFreshBytes() {
        byte[] a = RandomSource.secure().bytes(32);
        byte[] b = RandomSource.secure().bytes(32);
        assertEquals(32, a.length);
        assertFalse(Arrays.equals(a, b));
    }
}
