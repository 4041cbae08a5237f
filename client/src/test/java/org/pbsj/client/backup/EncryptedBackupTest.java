package org.pbsj.client.backup;

import org.pbsj.core.client.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.blob.MasterKeyBlob;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.crypto.DecryptedKey;
import org.pbsj.core.crypto.Kdf;
import org.pbsj.core.crypto.KeyConfig;
import org.pbsj.core.crypto.KeyConfigCodec;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.MasterKey;
import org.pbsj.core.crypto.RandomSource;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;

/** Encrypted and signed backups: keys, passphrases, master key, manifest signature. */
class EncryptedBackupTest {
    static final String SNAP = "host/enc/2023-11-14T22:13:20Z";
    static final String PASS = "secret-pass";

    @TempDir
    Path tmp;
    CliFixture cli;
    Path image;
    Path keyFile;
    byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliFixture(tmp);
        content = new byte[9 * 1024 * 1024 + 77];
        new Random(3).nextBytes(content);
        image = Files.write(tmp.resolve("disk.raw"), content);
        keyFile = writeKey(tmp.resolve("key.json"), PASS);
    }

    static Path writeKey(Path file, String passphrase) throws Exception {
        KeyWrapper w = new KeyWrapper(Clock.systemUTC(), RandomSource.secure());
        // PBKDF2 keeps the test fast; scrypt is the same code path in KeyWrapper.unwrap
        KeyConfig c = w.create(passphrase.getBytes(StandardCharsets.UTF_8), Kdf.Type.PBKDF2, "the usual");
        return Files.writeString(file, KeyConfigCodec.toJson(c));
    }

    private void backupEncrypted(String... extra) {
        cli.env.put("PBS_ENCRYPTION_PASSWORD", PASS);
        String[] args = {"backup", "disk.img:" + image, "--backup-id", "enc", "--backup-time", "1700000000",
                "--keyfile", keyFile.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        cli.ok(all);
    }

    @Test
    void encryptedBackupRestoresOnlyWithTheKey() throws Exception {
        backupEncrypted();
        BackupManifest m = cli.manifest(SNAP);
        FileInfo f = m.requireFile("disk.img.fidx");
        assertEquals(CryptMode.ENCRYPT, f.cryptMode());
        assertTrue(m.isSigned());
        assertTrue(m.keyFingerprint().isPresent());

        Path out = tmp.resolve("restored.raw");
        cli.ok("restore", SNAP, "disk.img", out.toString(), "--keyfile", keyFile.toString());
        assertArrayEquals(content, Files.readAllBytes(out));

        assertEquals(1, cli.run("restore", SNAP, "disk.img", tmp.resolve("nokey").toString()));
        assertTrue(cli.err().contains("a key is needed"), cli.err());

        Path other = writeKey(tmp.resolve("other.json"), PASS);
        assertEquals(1, cli.run("restore", SNAP, "disk.img", tmp.resolve("wrongkey").toString(), "--keyfile", other.toString()));
        assertTrue(cli.err().contains("wrong key"), cli.err());
        assertFalse(Files.exists(tmp.resolve("wrongkey")));
    }

    @Test
    void wrongPassphraseIsAClearError() {
        cli.env.put("PBS_ENCRYPTION_PASSWORD", "not-the-password");
        assertEquals(1, cli.run("backup", "disk.img:" + image, "--backup-id", "enc", "--keyfile", keyFile.toString()));
        assertTrue(cli.err().contains("unable to open key file") && cli.err().contains("the usual"), cli.err());
        assertFalse(Files.exists(cli.store.resolve("host/enc")));
    }

    @Test
    void forgedManifestIsDetected() throws Exception {
        backupEncrypted();
        Path manifestFile = cli.snapshotDir(SNAP).resolve("index.json.blob");
        BackupManifest m = cli.manifest(SNAP);
        FileInfo f = m.requireFile("disk.img.fidx");
        // an attacker with write access changes a protected field but cannot re-sign
        BackupManifest forged = BackupManifest.create("host", "enc", m.backupTime())
                .withFile(new FileInfo(f.filename(), CryptMode.NONE, f.size(), f.csum()))
                .withUnprotected(m.unprotected()).withSignature(m.signature());
        Files.write(manifestFile, DataBlobCodec.encode(ManifestCodec.encode(forged), null, true).raw());
        assertEquals(1, cli.run("restore", SNAP, "disk.img", tmp.resolve("x").toString(), "--keyfile", keyFile.toString()));
        assertTrue(cli.err().contains("wrong signature in manifest"), cli.err());
    }

    @Test
    void signOnlyStoresPlainChunksWithASignedManifest() throws Exception {
        backupEncrypted("--crypt-mode", "sign-only");
        BackupManifest m = cli.manifest(SNAP);
        assertEquals(CryptMode.SIGN_ONLY, m.requireFile("disk.img.fidx").cryptMode());
        assertTrue(m.isSigned());
        Path out = tmp.resolve("plain.raw");
        cli.ok("restore", SNAP, "disk.img", out.toString()); // plain chunks: no key needed
        assertArrayEquals(content, Files.readAllBytes(out));
    }

    @Test
    void masterKeyGetsAnRsaEncryptedCopyOfTheKey() throws Exception {
        KeyPair master = MasterKey.generate(3072);
        Path pem = Files.writeString(tmp.resolve("master-public.pem"), MasterKey.publicKeyPem(master.getPublic()));
        backupEncrypted("--master-pubkey-file", pem.toString());
        BackupManifest m = cli.manifest(SNAP);
        assertTrue(m.lookupFile("rsa-encrypted.key.blob").isPresent());
        DecryptedKey recovered = MasterKeyBlob.recover(DataBlobCodec.read(
                cli.snapshotDir(SNAP).resolve("rsa-encrypted.key.blob")), master.getPrivate());
        DecryptedKey original = CryptSetup.openKey(keyFile, () -> PASS);
        assertEquals(original.fingerprint(), recovered.fingerprint());
        assertEquals(CryptConfig.fromKey(original.key()).fingerprint().toString(),
                m.keyFingerprint().orElseThrow().toString());
    }
}
