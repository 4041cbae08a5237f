package org.pbsj.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The server's secret key files, in PBS's formats and file names: {@code authkey.key}
 * (Ed25519, PKCS#8 PEM), {@code authkey.pub} (SubjectPublicKeyInfo PEM) and {@code csrf.key}
 * (base64 of 64 random bytes). Created with mode 0600 on first use.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    public static KeyPair loadOrCreateAuthKey(Path configDir) throws IOException {
        Path priv = configDir.resolve("authkey.key");
        Path pub = configDir.resolve("authkey.pub");
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            if (Files.exists(priv) && Files.exists(pub)) {
                PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(pemBody(priv, "PRIVATE KEY")));
                PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(pemBody(pub, "PUBLIC KEY")));
                return new KeyPair(publicKey, privateKey);
            }
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            writeSecret(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            writeSecret(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
            return kp;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load or create the ticket signing key in " + configDir, e);
        }
    }

    public static byte[] loadOrCreateCsrfKey(Path configDir, SecureRandom random) throws IOException {
        Path file = configDir.resolve("csrf.key");
        if (Files.exists(file)) {
            byte[] raw = Files.readAllBytes(file);
            try {
                return Base64.getDecoder().decode(new String(raw, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException e) {
                return raw; // old installations kept the raw bytes
            }
        }
        byte[] key = new byte[64];
        random.nextBytes(key);
        writeSecret(file, Base64.getEncoder().withoutPadding().encodeToString(key) + "\n");
        return key;
    }

    /** Writes a file only the server's user can read, replacing it atomically. */
    public static void writeSecret(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] pemBody(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IOException(file + ": not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    }
}
