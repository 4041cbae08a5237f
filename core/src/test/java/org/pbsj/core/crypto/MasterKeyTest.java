package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;

/** Uses one RSA-2048 key: the modulus size does not matter here (the 4096 path is in MasterKeyBlobTest). */
class MasterKeyTest {
    static final char[] PASSWORD = "master-password".toCharArray();
    static KeyPair pair;

    @BeforeAll
    static void generate() {
        pair = MasterKey.generate(2048);
    }

    @Test
    void publicKeyPemRoundTrip() {
        String pem = MasterKey.publicKeyPem(pair.getPublic());
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
        assertTrue(pem.endsWith("-----END PUBLIC KEY-----\n"), pem);
        RSAPublicKey parsed = (RSAPublicKey) MasterKey.parsePublicKeyPem(pem);
        assertEquals(((RSAPublicKey) pair.getPublic()).getModulus(), parsed.getModulus());
        assertEquals(65537, parsed.getPublicExponent().intValue());
    }

    @Test
    void encryptedPkcs8RoundTrip() {
        String pem = MasterKey.encryptedPrivateKeyPem(pair.getPrivate(), PASSWORD);
        assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), pem);
        assertArrayEquals(pair.getPrivate().getEncoded(), MasterKey.parsePrivateKeyPem(pem, PASSWORD).getEncoded());
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> MasterKey.parsePrivateKeyPem(pem, "wrong-password".toCharArray()));
        assertEquals("master key", e.source());
        assertThrows(IllegalArgumentException.class, () -> MasterKey.encryptedPrivateKeyPem(pair.getPrivate(), "1234".toCharArray()));
    }

    @Test
    void legacyRsaPrivateKeyPem() throws IOException {
        StringWriter plain = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(plain)) {
            w.writeObject(pair.getPrivate());
        }
        assertTrue(plain.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));
        assertArrayEquals(pair.getPrivate().getEncoded(),
                MasterKey.parsePrivateKeyPem(plain.toString(), null).getEncoded());

        StringWriter enc = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(enc)) {
            w.writeObject(new JcaMiscPEMGenerator(pair.getPrivate(), new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(new BouncyCastleProvider()).build(PASSWORD)));
        }
        assertTrue(enc.toString().contains("DEK-Info: AES-256-CBC"));
        assertArrayEquals(pair.getPrivate().getEncoded(), MasterKey.parsePrivateKeyPem(enc.toString(), PASSWORD).getEncoded());
        assertThrows(DecryptionException.class, () -> MasterKey.parsePrivateKeyPem(enc.toString(), "nope!".toCharArray()));
    }

    @Test
    void opensslReadsOursAndWeReadOpenssl(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        Path ours = dir.resolve("ours.pem");
        Files.writeString(ours, MasterKey.encryptedPrivateKeyPem(pair.getPrivate(), PASSWORD));
        String pub = run(dir, "openssl", "pkey", "-in", ours.toString(), "-passin", "pass:master-password", "-pubout");
        assertEquals(MasterKey.publicKeyPem(pair.getPublic()), pub);

        String theirs = run(dir, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", ours.toString(),
                "-passin", "pass:master-password", "-passout", "pass:other-password");
        assertTrue(theirs.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertArrayEquals(pair.getPrivate().getEncoded(),
                MasterKey.parsePrivateKeyPem(theirs, "other-password".toCharArray()).getEncoded());
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void keyConfigMustFitTheModulus() {
        byte[] k = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        KeyConfig config = new KeyWrapper(java.time.Clock.systemUTC(), RandomSource.secure())
                .withoutPassword(k, OffsetDateTime.parse("2024-01-01T00:00:00Z"));
        // 255 bytes of JSON do not fit RSA-2048 (245 max); RSA-4096 is tested in MasterKeyBlobTest.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MasterKey.encryptKeyConfig(pair.getPublic(), config));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
        KeyConfig withPassword = new KeyConfig(Kdf.Pbkdf2.withDefaults(new byte[32]), config.created(),
                config.modified(), new byte[64], null, null);
        assertThrows(IllegalArgumentException.class, () -> MasterKey.encryptKeyConfig(pair.getPublic(), withPassword));
        CorruptDataException c = assertThrows(CorruptDataException.class,
                () -> MasterKey.decryptKeyConfig(pair.getPrivate(), new byte[255], "blob"));
        assertEquals("blob", c.source());
    }

    @Test
    void garbagePem() {
        assertThrows(CorruptDataException.class, () -> MasterKey.parsePublicKeyPem("not a pem"));
        assertThrows(CorruptDataException.class,
                () -> MasterKey.parsePrivateKeyPem(MasterKey.publicKeyPem(pair.getPublic()), PASSWORD));
        assertThrows(CorruptDataException.class, () -> MasterKey.parsePublicKeyPem(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    }
}
