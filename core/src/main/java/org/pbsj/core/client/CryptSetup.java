package org.pbsj.core.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import java.util.function.Supplier;

import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.crypto.DecryptedKey;
import org.pbsj.core.crypto.KeyConfig;
import org.pbsj.core.crypto.KeyConfigCodec;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.MasterKey;
import org.pbsj.core.error.DecryptionException;

/**
 * The key and crypt mode of a backup or restore, decided like PBS's {@code crypto_parameters}
 * ({@code pbs-client/src/tools/key_source.rs}): {@code --keyfile} without a mode means
 * {@code encrypt}; a mode without a key file uses the default key; neither uses the default key
 * if there is one; {@code --crypt-mode none} never uses a key.
 */
public record CryptSetup(CryptMode mode, DecryptedKey key, PublicKey masterPublicKey) {
    public static final CryptSetup NONE = new CryptSetup(CryptMode.NONE, null, null);

    /** The key's runtime material, or null without a key. */
    public CryptConfig cryptConfig() {
        return key == null ? null : key.cryptConfig();
    }

    /** The config used for chunk and blob encryption: only in mode {@code encrypt}. */
    public CryptConfig encryptionConfig() {
        return mode == CryptMode.ENCRYPT ? cryptConfig() : null;
    }

    /**
     * @param keyFile {@code --keyfile} or null
     * @param modeName {@code --crypt-mode} or null
     * @param defaultKey the default key file (used only if it exists)
     * @param masterPubKey {@code --master-pubkey-file}, else the default master key if it exists
     * @param passphrase asked only for a password-protected key
     */
    public static CryptSetup resolve(Path keyFile, String modeName, Path defaultKey, Path masterPubKey,
            Supplier<String> passphrase) {
        CryptMode mode = modeName == null ? null : CryptMode.fromJson(modeName, "--crypt-mode");
        if (mode == CryptMode.NONE) {
            if (keyFile != null) {
                throw new ClientException("--keyfile and --crypt-mode=none are mutually exclusive");
            }
            return NONE;
        }
        Path file = keyFile;
        if (file == null && defaultKey != null && Files.exists(defaultKey)) {
            file = defaultKey;
        }
        if (file == null) {
            if (mode != null) {
                throw new ClientException("--crypt-mode " + mode.jsonName() + " needs --keyfile (no default key found)");
            }
            return NONE;
        }
        DecryptedKey key = openKey(file, passphrase);
        PublicKey master = masterPubKey == null ? null : loadMasterKey(masterPubKey);
        return new CryptSetup(mode == null ? CryptMode.ENCRYPT : mode, key, master);
    }

    /** Opens a key file; a wrong passphrase gives a message naming the file (and the hint). */
    public static DecryptedKey openKey(Path file, Supplier<String> passphrase) {
        KeyConfig config;
        try {
            config = KeyConfigCodec.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new ClientException("unable to read key file '" + file + "' - no such file");
        } catch (IOException e) {
            throw new ClientException("unable to read key file '" + file + "' - " + e.getMessage(), e);
        }
        if (!config.isPasswordProtected()) {
            return KeyWrapper.unwrap(config, null);
        }
        try {
            return KeyWrapper.unwrap(config, passphrase.get().getBytes(StandardCharsets.UTF_8));
        } catch (DecryptionException e) {
            throw new ClientException("unable to open key file '" + file + "' - " + e.getMessage(), e);
        }
    }

    private static PublicKey loadMasterKey(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return MasterKey.parsePublicKeyPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ClientException("unable to read master public key '" + file + "' - " + e.getMessage(), e);
        }
    }

    public Optional<String> describe() {
        return key == null ? Optional.empty()
                : Optional.of("crypt mode " + mode.jsonName() + ", key " + key.fingerprint().toShortString());
    }
}
