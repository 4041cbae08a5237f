package org.pbsj.core.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.security.spec.RSAKeyGenParameterSpec;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;

/**
 * The RSA master key that lets an administrator recover any backup's encryption key
 * ({@code crypto.md} §6): RSA-4096 generation, PEM files as OpenSSL writes them (public key as
 * SubjectPublicKeyInfo, private key as PKCS#8 encrypted with AES-256-CBC) and PKCS#1 v1.5
 * encryption of a password-less key file. PEM and PKCS#8 go through Bouncy Castle; its
 * provider is created on first use only, to keep it off the CLI start-up path.
 */
public final class MasterKey {
    public static final int RSA_BITS = 4096;
    private static final String SOURCE = "master key";

    private MasterKey() {
    }

    /** A new RSA-4096 key pair, e = 65537. */
    public static KeyPair generate() {
        return generate(RSA_BITS);
    }

    /** A new RSA key pair of {@code bits} (PBS always uses 4096; smaller only for tests). */
    public static KeyPair generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    /** {@code -----BEGIN PUBLIC KEY-----} (SubjectPublicKeyInfo), as {@code master-public.pem}. */
    public static String publicKeyPem(PublicKey key) {
        return pem(key);
    }

    /** PKCS#8 {@code ENCRYPTED PRIVATE KEY}, AES-256-CBC, PBKDF2-HMAC-SHA256 (OpenSSL 3 defaults). */
    public static String encryptedPrivateKeyPem(PrivateKey key, char[] password) {
        if (password.length == 0 || new String(password).getBytes(StandardCharsets.UTF_8).length < KeyWrapper.MIN_PASSPHRASE_LENGTH) {
            throw new IllegalArgumentException("Passphrase is too short!");
        }
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setRandom(new SecureRandom())
                    .setProvider(Bc.PROVIDER)
                    .setPassword(password)
                    .build();
            return pem(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt private key", e);
        }
    }

    public static PublicKey parsePublicKeyPem(String pem) {
        Object o = readPem(pem);
        try {
            if (o instanceof SubjectPublicKeyInfo spki) {
                return converter().getPublicKey(spki);
            }
            if (o instanceof PEMKeyPair pair) {
                return converter().getPublicKey(pair.getPublicKeyInfo());
            }
        } catch (IOException e) {
            throw new CorruptDataException(SOURCE, -1, "invalid public key: " + e.getMessage(), e);
        }
        throw new CorruptDataException(SOURCE, 0, "not a PEM public key");
    }

    /**
     * Reads a private key: PKCS#8 {@code ENCRYPTED PRIVATE KEY}, plain {@code PRIVATE KEY} or
     * legacy {@code RSA PRIVATE KEY} (optionally with OpenSSL's {@code DEK-Info} encryption).
     *
     * @throws DecryptionException wrong password
     */
    public static PrivateKey parsePrivateKeyPem(String pem, char[] password) {
        Object o = readPem(pem);
        try {
            if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password);
                return converter().getPrivateKey(enc.decryptPrivateKeyInfo(decryptor));
            }
            if (o instanceof PEMEncryptedKeyPair enc) {
                var decryptor = new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password);
                return converter().getKeyPair(enc.decryptKeyPair(decryptor)).getPrivate();
            }
            if (o instanceof PEMKeyPair pair) {
                return converter().getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter().getPrivateKey(info);
            }
        } catch (PKCSException | OperatorCreationException | IOException e) {
            // BC reports a wrong password as a padding or PKCS error with an IOException cause.
            throw new DecryptionException(SOURCE, -1, "unable to decrypt private key - wrong password?", e);
        }
        throw new CorruptDataException(SOURCE, 0, "not a PEM private key");
    }

    /**
     * RSA PKCS#1 v1.5 encryption of the compact JSON of a password-less key file; the result is
     * exactly the modulus size (512 bytes for RSA-4096).
     */
    public static byte[] encryptKeyConfig(PublicKey masterPublic, KeyConfig keyWithoutPassword) {
        if (keyWithoutPassword.kdf() != null) {
            throw new IllegalArgumentException("the master key must get a key config without password");
        }
        byte[] json = KeyConfigCodec.toJson(keyWithoutPassword).getBytes(StandardCharsets.UTF_8);
        int modulusBytes = (((RSAKey) masterPublic).getModulus().bitLength() + 7) / 8;
        if (json.length > modulusBytes - 11) {
            throw new IllegalArgumentException("key config of " + json.length + " bytes does not fit PKCS#1 v1.5 under a "
                    + modulusBytes * 8 + "-bit key (a master key has " + RSA_BITS + " bits)");
        }
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.ENCRYPT_MODE, masterPublic);
            byte[] out = c.doFinal(json);
            if (out.length != modulusBytes) {
                throw new IllegalStateException("RSA output has " + out.length + " bytes, expected " + modulusBytes);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption failed (key config of " + json.length + " bytes)", e);
        }
    }

    /** Reverses {@link #encryptKeyConfig}; the result still needs {@link KeyWrapper#unwrap}. */
    public static KeyConfig decryptKeyConfig(PrivateKey masterPrivate, byte[] encrypted, String source) {
        int modulusBytes = (((RSAKey) masterPrivate).getModulus().bitLength() + 7) / 8;
        if (encrypted.length != modulusBytes) {
            throw new CorruptDataException(source, 0, "RSA-encrypted key has " + encrypted.length
                    + " bytes, expected " + modulusBytes);
        }
        byte[] json;
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.DECRYPT_MODE, masterPrivate);
            json = c.doFinal(encrypted);
        } catch (BadPaddingException e) {
            throw new DecryptionException(source, 0, "RSA decryption failed (wrong master key?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA decryption unavailable", e);
        }
        return KeyConfigCodec.parse(new String(json, StandardCharsets.UTF_8), source);
    }

    private static Object readPem(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (o == null) {
                throw new CorruptDataException(SOURCE, 0, "no PEM object found");
            }
            return o;
        } catch (IOException e) {
            throw new CorruptDataException(SOURCE, 0, "invalid PEM: " + e.getMessage(), e);
        }
    }

    private static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return out.toString();
    }

    private static JcaPEMKeyConverter converter() {
        return new JcaPEMKeyConverter().setProvider(Bc.PROVIDER);
    }

    /** Lazily created, not registered globally: only master key operations pay for it. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
