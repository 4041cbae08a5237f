package org.pbsj.core.crypto;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;

import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;

/**
 * Creates, opens and re-wraps key files ({@code crypto.md} §2.2, §2.3). Time and randomness
 * are injected so tests reproduce the spec's key files byte for byte.
 */
public final class KeyWrapper {
    public static final int MIN_PASSPHRASE_LENGTH = 5;
    private static final String SOURCE = "key config";
    private static final int WRAPPED_SIZE = AesGcm.IV_SIZE + AesGcm.TAG_SIZE + CryptConfig.KEY_SIZE;

    private final Clock clock;
    private final RandomSource random;

    public KeyWrapper(Clock clock, RandomSource random) {
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    /** A new random key, wrapped under {@code passphrase}; the key is only in the result. */
    public KeyConfig create(byte[] passphrase, Kdf.Type kdfType, String hint) {
        return wrap(random.bytes(CryptConfig.KEY_SIZE), passphrase, kdfType, hint);
    }

    /** Wraps an existing key; {@code created = modified = now}. */
    public KeyConfig wrap(byte[] key, byte[] passphrase, Kdf.Type kdfType, String hint) {
        checkPassphraseForWrap(passphrase);
        return wrap(key, passphrase, Kdf.create(kdfType, random), hint, now());
    }

    /** Wraps with explicit KDF parameters (salt) and creation time; {@code modified = now}. */
    public KeyConfig wrap(byte[] key, byte[] passphrase, Kdf kdf, String hint, OffsetDateTime created) {
        checkKey(key);
        checkPassphraseForWrap(passphrase);
        byte[] wrappingKey = kdf.deriveKey(passphrase);
        byte[] data = new byte[WRAPPED_SIZE];
        byte[] iv = random.bytes(AesGcm.IV_SIZE);
        System.arraycopy(iv, 0, data, 0, AesGcm.IV_SIZE);
        AesGcm.encrypt(new SecretKeySpec(wrappingKey, "AES"), iv, key, 0, key.length,
                data, AesGcm.IV_SIZE + AesGcm.TAG_SIZE, data, AesGcm.IV_SIZE);
        return new KeyConfig(kdf, created, now(), data, CryptConfig.fromKey(key).fingerprint(), hint);
    }

    /** A key file without password ({@code kdf: null}, {@code data} = the key), as sent to the master key. */
    public KeyConfig withoutPassword(byte[] key, OffsetDateTime created) {
        checkKey(key);
        return new KeyConfig(null, created, now(), key, CryptConfig.fromKey(key).fingerprint(), null);
    }

    /** Re-wraps the same key under a new passphrase (new salt and IV); keeps {@code created}. */
    public KeyConfig changePassphrase(KeyConfig config, byte[] oldPassphrase, byte[] newPassphrase,
            Kdf.Type kdfType, String hint) {
        DecryptedKey key = unwrap(config, oldPassphrase);
        checkPassphraseForWrap(newPassphrase);
        return wrap(key.key(), newPassphrase, Kdf.create(kdfType, random), hint, key.created());
    }

    /**
     * Opens a key file. {@code passphrase} is ignored (may be null) for keys without password.
     *
     * @throws DecryptionException short or wrong passphrase (naming the hint if there is one)
     * @throws ChecksumMismatchException the key does not match the stored fingerprint
     */
    public static DecryptedKey unwrap(KeyConfig config, byte[] passphrase) {
        byte[] data = config.data();
        byte[] key;
        if (config.kdf() == null) {
            if (data.length != CryptConfig.KEY_SIZE) {
                throw new CorruptDataException(SOURCE, -1, "unencrypted key has " + data.length + " bytes, expected 32");
            }
            key = data;
        } else {
            if (passphrase == null || passphrase.length < MIN_PASSPHRASE_LENGTH) {
                throw new DecryptionException(SOURCE, -1, "Passphrase is too short!");
            }
            if (data.length != WRAPPED_SIZE) {
                throw new CorruptDataException(SOURCE, -1, "wrapped key has " + data.length + " bytes, expected 64");
            }
            byte[] wrappingKey = config.kdf().deriveKey(passphrase);
            try {
                key = AesGcm.decrypt(new SecretKeySpec(wrappingKey, "AES"), data, 0, AesGcm.IV_SIZE,
                        AesGcm.IV_SIZE + AesGcm.TAG_SIZE, CryptConfig.KEY_SIZE);
            } catch (AEADBadTagException e) {
                String msg = config.hint() != null
                        ? "Unable to decrypt key (password hint: " + config.hint() + ")"
                        : "Unable to decrypt key - wrong password?";
                throw new DecryptionException(SOURCE, -1, msg, e);
            }
        }
        Fingerprint fingerprint = CryptConfig.fromKey(key).fingerprint();
        if (config.fingerprint() != null
                && !MessageDigest.isEqual(config.fingerprint().bytes(), fingerprint.bytes())) {
            throw new ChecksumMismatchException(SOURCE, -1, "got unexpected key fingerprint " + fingerprint
                    + ", key file says " + config.fingerprint());
        }
        return new DecryptedKey(key, config.created(), fingerprint);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length != CryptConfig.KEY_SIZE) {
            throw new IllegalArgumentException("encryption key must be 32 bytes");
        }
    }

    private static void checkPassphraseForWrap(byte[] passphrase) {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw new IllegalArgumentException("Passphrase is too short!");
        }
    }
}
