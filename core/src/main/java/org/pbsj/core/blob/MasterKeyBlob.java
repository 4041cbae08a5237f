package org.pbsj.core.blob;

import java.security.PrivateKey;
import java.security.PublicKey;

import org.pbsj.core.crypto.DecryptedKey;
import org.pbsj.core.crypto.KeyConfig;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.MasterKey;
import org.pbsj.core.error.CorruptDataException;

/**
 * {@code rsa-encrypted.key.blob} ({@code crypto.md} §6): the backup's key, as a password-less
 * key file, RSA-encrypted under the master public key and stored in an uncompressed,
 * unencrypted DataBlob ({@code magic ‖ crc ‖ 512 RSA bytes}).
 */
public final class MasterKeyBlob {
    public static final String FILE_NAME = "rsa-encrypted.key.blob";

    private MasterKeyBlob() {
    }

    /** @param keyWithoutPassword from {@link KeyWrapper#withoutPassword} */
    public static DataBlob create(PublicKey masterPublic, KeyConfig keyWithoutPassword) {
        return DataBlobCodec.encode(MasterKey.encryptKeyConfig(masterPublic, keyWithoutPassword), null, false);
    }

    /** Decrypts the blob with the master private key and opens the key (fingerprint checked). */
    public static DecryptedKey recover(DataBlob blob, PrivateKey masterPrivate) {
        String source = blob.source() != null ? blob.source() : FILE_NAME;
        if (blob.isEncrypted()) {
            throw new CorruptDataException(source, 0, "an RSA-encrypted key blob must not be AES-encrypted");
        }
        byte[] rsa = DataBlobCodec.decode(blob, null, null, DataBlobCodec.MAX_CHUNK_SIZE);
        KeyConfig config = MasterKey.decryptKeyConfig(masterPrivate, rsa, source);
        if (config.kdf() != null) {
            throw new CorruptDataException(source, DataBlob.HEADER_SIZE, "RSA-encrypted key config has a password");
        }
        return KeyWrapper.unwrap(config, null);
    }
}
