package org.pbsj.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runtime key material derived from a 32-byte encryption key ({@code crypto.md} §3):
 * the AES key for chunks and blobs, the {@code id_key} for keyed chunk digests, manifest
 * signatures and the key fingerprint. Immutable and thread-safe; digest/MAC objects are
 * created per call (they are cheap next to the data they process).
 */
public final class CryptConfig {
    public static final int KEY_SIZE = 32;

    /** SHA-256("Proxmox Backup Encryption Key Fingerprint"). */
    static final byte[] FINGERPRINT_INPUT = sha256(
            "Proxmox Backup Encryption Key Fingerprint".getBytes(StandardCharsets.US_ASCII));

    private static final byte[] ID_KEY_SALT = "_id_key".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_KEY_ITERATIONS = 10;

    private final byte[] encKey;
    private final byte[] idKey;
    private final SecretKeySpec aesKey;
    private final SecretKeySpec hmacKey;

    private CryptConfig(byte[] encKey) {
        this.encKey = encKey.clone();
        this.idKey = pbkdf2HmacSha256(encKey, ID_KEY_SALT, ID_KEY_ITERATIONS, KEY_SIZE);
        this.aesKey = new SecretKeySpec(this.encKey, "AES");
        this.hmacKey = new SecretKeySpec(this.idKey, "HmacSHA256");
    }

    public static CryptConfig fromKey(byte[] key) {
        if (key == null || key.length != KEY_SIZE) {
            throw new IllegalArgumentException("encryption key must be 32 bytes");
        }
        return new CryptConfig(key);
    }

    /** The AES-256-GCM key for chunks and encrypted blobs. */
    public SecretKeySpec aesKey() {
        return aesKey;
    }

    public byte[] encryptionKey() {
        return encKey.clone();
    }

    public byte[] idKey() {
        return idKey.clone();
    }

    /** {@code SHA-256(data ‖ id_key)}: the digest (file name) of an encrypted chunk. */
    public byte[] computeDigest(byte[] data) {
        return computeDigest(data, 0, data.length);
    }

    public byte[] computeDigest(byte[] data, int off, int len) {
        MessageDigest md = sha256Digest();
        md.update(data, off, len);
        md.update(idKey);
        return md.digest();
    }

    /** Starts a keyed digest; feed the plain data then call {@link #finishDigest}. */
    public MessageDigest startDigest() {
        return sha256Digest();
    }

    public byte[] finishDigest(MessageDigest md) {
        md.update(idKey);
        return md.digest();
    }

    /** {@code HMAC-SHA256(id_key, data)}: manifest signatures. */
    public byte[] computeAuthTag(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The 32-byte key fingerprint, {@code SHA-256(FINGERPRINT_INPUT ‖ id_key)}. */
    public Fingerprint fingerprint() {
        return new Fingerprint(computeDigest(FINGERPRINT_INPUT));
    }

    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256Digest().digest(data);
    }

    /**
     * PBKDF2-HMAC-SHA256 over a binary password. {@code PBEKeySpec} takes {@code char[]} and
     * would mangle a binary key, so this is the RFC 8018 loop over the JDK's HMAC.
     */
    public static byte[] pbkdf2HmacSha256(byte[] password, byte[] salt, int iterations, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec refuses empty keys; HMAC pads keys with zeros to the block size,
            // so a single zero byte is the same key as an empty one.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
            byte[] out = new byte[length];
            int blocks = (length + 31) / 32;
            for (int i = 1; i <= blocks; i++) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
                byte[] u = mac.doFinal();
                byte[] t = u.clone();
                for (int j = 1; j < iterations; j++) {
                    u = mac.doFinal(u);
                    for (int k = 0; k < t.length; k++) {
                        t[k] ^= u[k];
                    }
                }
                int pos = (i - 1) * 32;
                System.arraycopy(t, 0, out, pos, Math.min(32, length - pos));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "CryptConfig[" + fingerprint().toShortString() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CryptConfig c && MessageDigest.isEqual(encKey, c.encKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(idKey);
    }
}
