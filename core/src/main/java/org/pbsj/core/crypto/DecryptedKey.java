package org.pbsj.core.crypto;

import java.time.OffsetDateTime;

/** An opened key file: the 32-byte encryption key with its creation time and fingerprint. */
public record DecryptedKey(byte[] key, OffsetDateTime created, Fingerprint fingerprint) {
    public DecryptedKey {
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    public CryptConfig cryptConfig() {
        return CryptConfig.fromKey(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecryptedKey d && java.security.MessageDigest.isEqual(key, d.key)
                && created.equals(d.created) && fingerprint.equals(d.fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "DecryptedKey[" + fingerprint.toShortString() + ", created=" + created + "]";
    }
}
