package org.pbsj.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One set of single-use recovery keys ({@code access-control.md} §7): ten keys
 * {@code xxxx-xxxx-xxxx-xxxx} (8 random bytes, lower-case hex), kept only as
 * HMAC-SHA256(set secret, key) in hex; a used key's slot becomes {@code null}.
 */
public final class RecoveryKeys {
    public static final int COUNT = 10;

    /** A fresh set: the clear keys (shown once) and what is stored. */
    public record Generated(List<String> keys, String secret, List<String> hashes) {
    }

    private RecoveryKeys() {
    }

    public static Generated generate(SecureRandom random) {
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);
        List<String> keys = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            byte[] k = new byte[8];
            random.nextBytes(k);
            String hex = HexFormat.of().formatHex(k);
            String key = hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12);
            keys.add(key);
            hashes.add(hash(secret, key));
        }
        return new Generated(List.copyOf(keys), secret, hashes);
    }

    public static String hash(String secret, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(key.strip().toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Index of the unused slot that {@code key} opens, or -1. Does not consume it. */
    public static int find(String secret, List<String> hashes, String key) {
        if (key == null) {
            return -1;
        }
        byte[] h = hash(secret, key).getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        for (int i = 0; i < hashes.size(); i++) {
            String stored = hashes.get(i);
            if (stored != null && MessageDigest.isEqual(h, stored.getBytes(StandardCharsets.US_ASCII))) {
                found = i;
            }
        }
        return found;
    }

    /** Indices of the keys not used yet (what a login challenge offers). */
    public static List<Integer> available(List<String> hashes) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            if (hashes.get(i) != null) {
                out.add(i);
            }
        }
        return out;
    }
}
