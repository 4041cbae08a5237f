package org.pbsj.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Password and token-secret hashes in libcrypt's {@code crypt()} format, as PBS keeps them in
 * {@code shadow.json} and {@code token.shadow} ({@code access-control.md} §1.2): yescrypt
 * ({@code $y$}, cost 5) for new hashes; any scheme libxcrypt knows ({@code $5$}, {@code $6$}…)
 * still verifies. Calls the system's libxcrypt through JNA so hashes are interchangeable with
 * PBS's; there is no pure-Java yescrypt to get wrong.
 */
public final class UnixCrypt {
    /** The cost PBS uses for yescrypt. */
    public static final int YESCRYPT_COST = 5;
    private static final int CRYPT_OUTPUT_SIZE = 384;
    private static final int CRYPT_DATA_SIZE = 32768;

    private static final class LibCrypt {
        static {
            Native.register("crypt");
        }

        static native Pointer crypt_rn(byte[] phrase, byte[] setting, Pointer data, int size);

        static native Pointer crypt_gensalt_rn(byte[] prefix, long count, byte[] rbytes, int nrbytes,
                Pointer output, int outputSize);
    }

    private final SecureRandom random;

    public UnixCrypt(SecureRandom random) {
        this.random = random;
    }

    public UnixCrypt() {
        this(new SecureRandom());
    }

    /** Hashes with yescrypt, cost 5, 32 random salt bytes. */
    public String hash(String secret) {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        Memory setting = new Memory(CRYPT_OUTPUT_SIZE);
        Pointer p = LibCrypt.crypt_gensalt_rn(cString("$y$"), YESCRYPT_COST, salt, salt.length,
                setting, CRYPT_OUTPUT_SIZE);
        if (p == null) {
            throw new IllegalStateException("libcrypt cannot generate a yescrypt setting");
        }
        return crypt(secret, setting.getString(0, StandardCharsets.US_ASCII.name()));
    }

    /** True if {@code secret} hashes to {@code stored}; compares in constant time. */
    public boolean verify(String secret, String stored) {
        if (stored == null || stored.isEmpty() || stored.charAt(0) != '$') {
            return false;
        }
        String computed;
        try {
            computed = crypt(secret, stored);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8),
                stored.getBytes(StandardCharsets.UTF_8));
    }

    /** True if the stored hash is not yescrypt and should be replaced after a good login. */
    public static boolean needsRehash(String stored) {
        return stored == null || !stored.startsWith("$y$");
    }

    private static String crypt(String secret, String setting) {
        Memory data = new Memory(CRYPT_DATA_SIZE);
        data.clear();
        Pointer out = LibCrypt.crypt_rn(cString(secret), cString(setting), data, CRYPT_DATA_SIZE);
        if (out == null) {
            throw new IllegalArgumentException("libcrypt rejected the hash setting");
        }
        String result = out.getString(0, StandardCharsets.UTF_8.name());
        if (result.startsWith("*")) {
            throw new IllegalArgumentException("libcrypt rejected the hash setting");
        }
        return result;
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            if (x == 0) {
                throw new IllegalArgumentException("NUL byte in crypt input");
            }
        }
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }
}
