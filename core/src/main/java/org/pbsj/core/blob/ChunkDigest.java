package org.pbsj.core.blob;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.pbsj.core.crypto.CryptConfig;

/**
 * Chunk digests (= chunk file names, {@code blob-format.md} §4): {@code SHA-256(data)} for
 * unencrypted chunks, {@code SHA-256(data ‖ id_key)} for encrypted ones. Always over the plain
 * data, before compression and encryption. JDK SHA-256 (SHA-NI intrinsic), never Bouncy Castle.
 */
public final class ChunkDigest {
    public static final int SIZE = 32;

    private ChunkDigest() {
    }

    /** Digest of {@code data} as the chunk would be named with or without encryption. */
    public static byte[] of(byte[] data, CryptConfig cryptConfig) {
        return of(data, 0, data.length, cryptConfig);
    }

    public static byte[] of(byte[] data, int off, int len, CryptConfig cryptConfig) {
        return cryptConfig == null ? plain(data, off, len) : cryptConfig.computeDigest(data, off, len);
    }

    public static byte[] plain(byte[] data, int off, int len) {
        MessageDigest md = CryptConfig.sha256Digest();
        md.update(data, off, len);
        return md.digest();
    }

    /** Constant-time comparison (a digest may be keyed). */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Parses 64 hex digits; {@link IllegalArgumentException} otherwise. */
    public static byte[] parseHex(String hex) {
        if (hex.length() != 2 * SIZE) {
            throw new IllegalArgumentException("chunk digest must be 64 hex digits: " + hex);
        }
        return HexFormat.of().parseHex(hex);
    }
}
