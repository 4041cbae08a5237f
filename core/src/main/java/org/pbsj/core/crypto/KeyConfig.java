package org.pbsj.core.crypto;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key file ({@code crypto.md} §2.1): the 32-byte encryption key, wrapped under a passphrase
 * ({@code kdf} set, {@code data} = IV ‖ TAG ‖ CIPHERTEXT) or stored raw ({@code kdf} null,
 * {@code data} = the key). {@code fingerprint} and {@code hint} may be null. Serialized by
 * {@link KeyConfigCodec}; created and opened by {@link KeyWrapper}.
 */
public record KeyConfig(Kdf kdf, OffsetDateTime created, OffsetDateTime modified, byte[] data,
        Fingerprint fingerprint, String hint) {

    public KeyConfig {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Whether a passphrase is needed to open the key. */
    public boolean isPasswordProtected() {
        return kdf != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyConfig k && Objects.equals(kdf, k.kdf) && created.equals(k.created)
                && modified.equals(k.modified) && Arrays.equals(data, k.data)
                && Objects.equals(fingerprint, k.fingerprint) && Objects.equals(hint, k.hint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kdf, created, modified, Arrays.hashCode(data), fingerprint, hint);
    }

    /** Leaves out {@code data}: it may be the raw key. */
    @Override
    public String toString() {
        return "KeyConfig[kdf=" + kdf + ", created=" + created + ", modified=" + modified
                + ", fingerprint=" + fingerprint + ", hint=" + hint + "]";
    }
}
