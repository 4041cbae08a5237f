package org.pbsj.server.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as proxmox-tfa's {@code Totp}:
 * default HMAC-SHA1, 30 s period, 6 digits; accepted within ±1 time step. Secrets come from
 * {@code otpauth://totp/…?secret=BASE32} URIs.
 */
public record Totp(byte[] secret, String algorithm, int digits, int period) {
    public static final int WINDOW = 1;

    public Totp {
        secret = secret.clone();
        if (!algorithm.equals("SHA1") && !algorithm.equals("SHA256") && !algorithm.equals("SHA512")) {
            throw new IllegalArgumentException("unsupported TOTP algorithm " + algorithm);
        }
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("TOTP digits must be 6..8");
        }
        if (period < 1) {
            throw new IllegalArgumentException("TOTP period must be positive");
        }
        if (secret.length < 10) {
            throw new IllegalArgumentException("TOTP secret too short (at least 80 bits)");
        }
    }

    /** Parses {@code otpauth://totp/LABEL?secret=…[&algorithm=…][&digits=…][&period=…]}. */
    public static Totp fromUri(String uri) {
        URI u;
        try {
            u = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid otpauth URI");
        }
        if (!"otpauth".equals(u.getScheme()) || !"totp".equalsIgnoreCase(u.getHost()) || u.getRawQuery() == null) {
            throw new IllegalArgumentException("not an otpauth://totp/ URI");
        }
        String secret = null;
        String algorithm = "SHA1";
        int digits = 6;
        int period = 30;
        for (String pair : u.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = pair.substring(0, eq);
            String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            try {
                switch (k) {
                    case "secret" -> secret = v;
                    case "algorithm" -> algorithm = v.toUpperCase(Locale.ROOT);
                    case "digits" -> digits = Integer.parseInt(v);
                    case "period" -> period = Integer.parseInt(v);
                    default -> { }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad TOTP parameter " + k);
            }
        }
        if (secret == null) {
            throw new IllegalArgumentException("otpauth URI has no secret");
        }
        return new Totp(Base32.decode(secret), algorithm, digits, period);
    }

    /** The otpauth URI an authenticator app accepts for this secret. */
    public String toUri(String label) {
        return "otpauth://totp/" + label.replace("?", "%3F").replace("&", "%26") + "?secret="
                + Base32.encode(secret) + "&algorithm=" + algorithm + "&digits=" + digits + "&period=" + period;
    }

    public long counterAt(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), period);
    }

    /** The HOTP value for {@code counter}, zero-padded to {@code digits}. */
    public String code(long counter) {
        byte[] h;
        try {
            String jca = "Hmac" + algorithm;
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret, jca));
            h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int off = h[h.length - 1] & 0x0f;
        int bin = ((h[off] & 0x7f) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
        int mod = (int) Math.pow(10, digits);
        return String.format(Locale.ROOT, "%0" + digits + "d", bin % mod);
    }

    /** The counter whose code matches within ±{@link #WINDOW} steps of {@code now}, if any. */
    public OptionalLong verify(String code, Instant now) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String c = code.strip();
        long center = counterAt(now);
        for (long i = center - WINDOW; i <= center + WINDOW; i++) {
            if (MessageDigest.isEqual(code(i).getBytes(StandardCharsets.US_ASCII), c.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(i);
            }
        }
        return OptionalLong.empty();
    }

    /** RFC 4648 base32, upper case, no padding on output; padding and case ignored on input. */
    public static final class Base32 {
        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        private Base32() {
        }

        public static String encode(byte[] data) {
            StringBuilder sb = new StringBuilder();
            int buffer = 0;
            int bits = 0;
            for (byte b : data) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    sb.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                sb.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
            }
            return sb.toString();
        }

        public static byte[] decode(String s) {
            String in = s.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
            ByteBuffer out = ByteBuffer.allocate(in.length() * 5 / 8);
            int buffer = 0;
            int bits = 0;
            for (char c : in.toCharArray()) {
                int v = ALPHABET.indexOf(c);
                if (v < 0) {
                    throw new IllegalArgumentException("invalid base32 character '" + c + "'");
                }
                buffer = (buffer << 5) | v;
                bits += 5;
                if (bits >= 8) {
                    out.put((byte) (buffer >> (bits - 8)));
                    bits -= 8;
                }
            }
            byte[] r = new byte[out.position()];
            out.flip().get(r);
            return r;
        }
    }
}
