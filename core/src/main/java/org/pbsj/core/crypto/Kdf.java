package org.pbsj.core.crypto;

import java.util.Arrays;

import org.bouncycastle.crypto.generators.SCrypt;
import org.pbsj.core.error.UnsupportedFormatException;

/**
 * Passphrase-based key derivation of key files ({@code crypto.md} §1, §2.1): scrypt (default)
 * or PBKDF2-HMAC-SHA256, 32-byte output. Parameters come from files, so they are checked
 * against OpenSSL's scrypt memory limit before use: a hostile key file must not make us
 * allocate gigabytes.
 */
public sealed interface Kdf permits Kdf.Scrypt, Kdf.Pbkdf2 {
    int KEY_SIZE = 32;
    int SALT_SIZE = 32;

    enum Type { SCRYPT, PBKDF2 }

    byte[] salt();

    /** Derives the 32-byte key wrapping key from the UTF-8 passphrase. */
    byte[] deriveKey(byte[] passphrase);

    /** Default parameters of {@code type} with a fresh 32-byte salt. */
    static Kdf create(Type type, RandomSource random) {
        byte[] salt = random.bytes(SALT_SIZE);
        return type == Type.SCRYPT ? Scrypt.withDefaults(salt) : Pbkdf2.withDefaults(salt);
    }

    /** scrypt; PBS defaults N = 65536, r = 8, p = 1. */
    record Scrypt(long n, long r, long p, byte[] salt) implements Kdf {
        public static final long DEFAULT_N = 65536;
        public static final long DEFAULT_R = 8;
        public static final long DEFAULT_P = 1;
        /** OpenSSL's limit as configured by PBS: 1025 MiB. */
        public static final long MAX_MEMORY = 1025L * 1024 * 1024;

        public Scrypt {
            salt = salt.clone();
        }

        public static Scrypt withDefaults(byte[] salt) {
            return new Scrypt(DEFAULT_N, DEFAULT_R, DEFAULT_P, salt);
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] deriveKey(byte[] passphrase) {
            if (n < 2 || (n & (n - 1)) != 0 || n > Integer.MAX_VALUE) {
                throw new UnsupportedFormatException("key config", -1, "scrypt n must be a power of 2, got " + n);
            }
            if (r < 1 || p < 1 || r * p >= (1L << 30)) {
                throw new UnsupportedFormatException("key config", -1, "invalid scrypt r=" + r + " p=" + p);
            }
            // OpenSSL's accounting: V needs 128*r*(N+2) bytes, B 128*r*p.
            if (Math.multiplyHigh(128 * r, n + 2 + p) != 0 || 128 * r * (n + 2 + p) > MAX_MEMORY) {
                throw new UnsupportedFormatException("key config", -1,
                        "scrypt parameters need more than " + MAX_MEMORY + " bytes of memory");
            }
            try {
                return SCrypt.generate(passphrase, salt, (int) n, (int) r, (int) p, KEY_SIZE);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedFormatException("key config", -1, "invalid scrypt parameters: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Scrypt s && n == s.n && r == s.r && p == s.p && Arrays.equals(salt, s.salt);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(n) * 31 + Arrays.hashCode(salt);
        }

        @Override
        public String toString() {
            return "Scrypt[n=" + n + ", r=" + r + ", p=" + p + "]";
        }
    }

    /** PBKDF2-HMAC-SHA256; PBS default 65535 iterations. */
    record Pbkdf2(long iter, byte[] salt) implements Kdf {
        public static final long DEFAULT_ITER = 65535;

        public Pbkdf2 {
            salt = salt.clone();
        }

        public static Pbkdf2 withDefaults(byte[] salt) {
            return new Pbkdf2(DEFAULT_ITER, salt);
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] deriveKey(byte[] passphrase) {
            if (iter < 1 || iter > Integer.MAX_VALUE) {
                throw new UnsupportedFormatException("key config", -1, "invalid PBKDF2 iteration count " + iter);
            }
            return CryptConfig.pbkdf2HmacSha256(passphrase, salt, (int) iter, KEY_SIZE);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pbkdf2 k && iter == k.iter && Arrays.equals(salt, k.salt);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(iter) * 31 + Arrays.hashCode(salt);
        }

        @Override
        public String toString() {
            return "Pbkdf2[iter=" + iter + "]";
        }
    }
}
