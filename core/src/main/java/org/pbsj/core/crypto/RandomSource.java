package org.pbsj.core.crypto;

import java.security.SecureRandom;

/**
 * Where salts, IVs and keys come from. Production uses {@link #secure()}; tests inject fixed
 * bytes to reproduce the spec's vectors.
 */
@FunctionalInterface
public interface RandomSource {
    void nextBytes(byte[] out);

    default byte[] bytes(int n) {
        byte[] b = new byte[n];
        nextBytes(b);
        return b;
    }

    /** The platform CSPRNG (thread-safe; one shared instance). */
    static RandomSource secure() {
        return Holder.SECURE;
    }

    final class Holder {
        private static final SecureRandom RNG = new SecureRandom();
        private static final RandomSource SECURE = RNG::nextBytes;

        private Holder() {
        }
    }
}
