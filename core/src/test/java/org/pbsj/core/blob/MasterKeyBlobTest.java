package org.pbsj.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.DecryptedKey;
import org.pbsj.core.crypto.KeyConfig;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.MasterKey;
import org.pbsj.core.crypto.RandomSource;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;

/** The one RSA-4096 key of the suite: the real 512-byte blob path. */
class MasterKeyBlobTest {
    static final byte[] K = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final OffsetDateTime CREATED = OffsetDateTime.parse("2024-01-01T00:00:00+00:00");
    static KeyPair master;
    static KeyConfig keyWithoutPassword;

    @BeforeAll
    static void generate() {
        master = MasterKey.generate();
        Clock now = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);
        keyWithoutPassword = new KeyWrapper(now, RandomSource.secure()).withoutPassword(K, CREATED);
    }

    @Test
    void blobIsUncompressedUnencryptedAnd512BytesOfRsa() {
        DataBlob blob = MasterKeyBlob.create(master.getPublic(), keyWithoutPassword);
        assertEquals(BlobMagic.UNCOMPRESSED_BLOB_1_0, blob.magic());
        assertEquals(12 + 512, blob.size());
        DecryptedKey key = MasterKeyBlob.recover(DataBlobCodec.load(blob.raw(), MasterKeyBlob.FILE_NAME), master.getPrivate());
        assertArrayEquals(K, key.key());
        assertEquals(CREATED, key.created());
        assertEquals(CryptConfig.fromKey(K).fingerprint(), key.fingerprint());
    }

    @Test
    void pemFilesOfA4096BitKey() {
        String pub = MasterKey.publicKeyPem(master.getPublic());
        assertEquals(master.getPublic(), MasterKey.parsePublicKeyPem(pub));
        byte[] rsa = MasterKey.encryptKeyConfig(MasterKey.parsePublicKeyPem(pub), keyWithoutPassword);
        assertEquals(512, rsa.length);
        assertEquals(keyWithoutPassword, MasterKey.decryptKeyConfig(master.getPrivate(), rsa, "x"));
    }

    @Test
    void damagedOrForgedBlobs() {
        byte[] raw = MasterKeyBlob.create(master.getPublic(), keyWithoutPassword).raw();
        raw[200] ^= 1;
        assertThrows(ChecksumMismatchException.class, () -> DataBlobCodec.load(raw, MasterKeyBlob.FILE_NAME));
        byte[] rsa = MasterKey.encryptKeyConfig(master.getPublic(), keyWithoutPassword);
        rsa[0] ^= 0x55;
        rsa[300] ^= 0x55;
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> MasterKeyBlob.recover(DataBlobCodec.encode(rsa, null, false), master.getPrivate()));
        assertEquals(MasterKeyBlob.FILE_NAME, e.source());
        DataBlob short_ = DataBlobCodec.encode(new byte[100], null, false);
        assertThrows(CorruptDataException.class, () -> MasterKeyBlob.recover(short_, master.getPrivate()));
        DataBlob encrypted = DataBlobCodec.encode(new byte[512], CryptConfig.fromKey(K), false);
        assertThrows(CorruptDataException.class, () -> MasterKeyBlob.recover(encrypted, master.getPrivate()));
        KeyConfig forged = new KeyConfig(null, CREATED, CREATED, K, CryptConfig.fromKey(new byte[32]).fingerprint(), null);
        DataBlob forgedBlob = MasterKeyBlob.create(master.getPublic(), forged);
        assertThrows(ChecksumMismatchException.class, () -> MasterKeyBlob.recover(forgedBlob, master.getPrivate()));
    }

    @Test
    void recoveredKeyCanBeRewrappedWithAPassphrase() {
        DecryptedKey key = MasterKeyBlob.recover(MasterKeyBlob.create(master.getPublic(), keyWithoutPassword),
                master.getPrivate());
        KeyWrapper w = new KeyWrapper(Clock.systemUTC(), RandomSource.secure());
        byte[] pass = "new-passphrase".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        KeyConfig stored = w.wrap(key.key(), pass, org.pbsj.core.crypto.Kdf.Type.PBKDF2, null);
        assertArrayEquals(K, KeyWrapper.unwrap(stored, pass).key());
    }
}
