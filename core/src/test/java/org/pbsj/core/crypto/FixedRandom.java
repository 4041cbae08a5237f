package org.pbsj.core.crypto;

import java.util.Arrays;

/** Test RandomSource: the n-th request is filled with the n-th given byte value. */
final class FixedRandom implements RandomSource {
    private final int[] fills;
    private int next;

    FixedRandom(int... fills) {
        this.fills = fills;
    }

    @Override
    public void nextBytes(byte[] out) {
        if (next >= fills.length) {
            throw new IllegalStateException("test random source exhausted");
        }
        Arrays.fill(out, (byte) fills[next++]);
    }
}
