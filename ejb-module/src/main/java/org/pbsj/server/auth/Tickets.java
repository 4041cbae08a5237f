package org.pbsj.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBS authentication tickets and CSRF prevention tokens ({@code rest-api.md} §2.2–2.3).
 * Pure: keys and clock come from the caller.
 *
 * <pre>
 * ticket = "PBS:" pct(userid) ":" HEX8(time) "::" base64_nopad(Ed25519(signed))
 * signed = "PBS:" pct(userid) ":" HEX8(time)
 * partial = "PBS:" pct("!tfa!" challenge) ":" HEX8(time) "::" base64_nopad(Ed25519(signed ":" userid))
 * csrf   = HEX8(time) ":" base64_nopad(HMAC-SHA3-256(csrf_key, HEX8(time) ":" userid ":"))
 * </pre>
 */
public final class Tickets {
    public static final String PREFIX = "PBS";
    /** Valid ticket age window in seconds: [-300, 7200]. */
    public static final long MIN_AGE = -300;
    public static final long MAX_AGE = 7200;
    /** Valid partial (2FA pending) ticket age window in seconds: [-60, 600]. */
    public static final long PARTIAL_MIN_AGE = -60;
    public static final long PARTIAL_MAX_AGE = 600;
    static final String TFA_PREFIX = "!tfa!";

    private final KeyPair authKey;
    private final byte[] csrfKey;
    private final Clock clock;

    public Tickets(KeyPair authKey, byte[] csrfKey, Clock clock) {
        this.authKey = authKey;
        this.csrfKey = csrfKey.clone();
        this.clock = clock;
    }

    public String issueTicket(String userid) {
        return issue(userid, null);
    }

    /**
     * A partial ticket for a login that still needs its second factor: data
     * {@code "!tfa!" + challengeJson}, signed with the user id as additional authenticated data.
     */
    public String issuePartialTicket(String userid, String challengeJson) {
        return issue(TFA_PREFIX + challengeJson, userid);
    }

    private String issue(String data, String aad) {
        String unsigned = PREFIX + ":" + percentEncode(data) + ":" + hex8(clock.instant().getEpochSecond());
        String signed = aad == null ? unsigned : unsigned + ":" + aad;
        return unsigned + "::" + Base64.getEncoder().withoutPadding().encodeToString(sign(signed));
    }

    /** The user id of a valid, unexpired full ticket; empty if forged, malformed, expired or partial. */
    public Optional<String> verifyTicket(String ticket) {
        return verified(ticket, null, MIN_AGE, MAX_AGE).filter(data -> !data.startsWith(TFA_PREFIX));
    }

    /**
     * The challenge JSON of a valid partial ticket issued for {@code userid} (age within
     * [{@value #PARTIAL_MIN_AGE}, {@value #PARTIAL_MAX_AGE}] s); empty otherwise.
     */
    public Optional<String> verifyPartialTicket(String ticket, String userid) {
        return verified(ticket, userid, PARTIAL_MIN_AGE, PARTIAL_MAX_AGE)
                .filter(data -> data.startsWith(TFA_PREFIX))
                .map(data -> data.substring(TFA_PREFIX.length()));
    }

    private Optional<String> verified(String ticket, String aad, long minAge, long maxAge) {
        if (ticket == null) {
            return Optional.empty();
        }
        String[] parts = ticket.split(":", 4);
        if (parts.length != 4 || !PREFIX.equals(parts[0]) || !parts[3].startsWith(":")) {
            return Optional.empty();
        }
        long time;
        try {
            if (parts[2].length() < 8) {
                return Optional.empty();
            }
            time = Long.parseLong(parts[2], 16);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(parts[3].substring(1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String signed = parts[0] + ":" + parts[1] + ":" + parts[2] + (aad == null ? "" : ":" + aad);
        long age = clock.instant().getEpochSecond() - time;
        if (!verify(signed, sig) || age < minAge || age > maxAge) {
            return Optional.empty();
        }
        return Optional.of(percentDecode(parts[1]));
    }

    public String issueCsrfToken(String userid) {
        String time = hex8(clock.instant().getEpochSecond());
        return time + ":" + Base64.getEncoder().withoutPadding().encodeToString(csrfMac(time, userid));
    }

    public boolean verifyCsrfToken(String token, String userid) {
        if (token == null) {
            return false;
        }
        int colon = token.indexOf(':');
        if (colon < 8) {
            return false;
        }
        String time = token.substring(0, colon);
        long t;
        byte[] given;
        try {
            t = Long.parseLong(time, 16);
            given = Base64.getDecoder().decode(token.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return fresh(t) && MessageDigest.isEqual(given, csrfMac(time, userid));
    }

    private boolean fresh(long time) {
        long age = clock.instant().getEpochSecond() - time;
        return age >= MIN_AGE && age <= MAX_AGE;
    }

    private byte[] csrfMac(String hexTime, String userid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA3-256");
            mac.init(new SecretKeySpec(csrfKey, "HmacSHA3-256"));
            return mac.doFinal((hexTime + ":" + userid + ":").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA3-256 unavailable", e);
        }
    }

    private byte[] sign(String data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(authKey.getPrivate());
            s.update(data.getBytes(StandardCharsets.UTF_8));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private boolean verify(String data, byte[] sig) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(authKey.getPublic());
            s.update(data.getBytes(StandardCharsets.UTF_8));
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String hex8(long value) {
        return String.format(Locale.ROOT, "%08X", value);
    }

    /** Percent-encodes control characters and ':' only, as PBS does. */
    static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x20 || c == 0x7f || c == ':') {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            } else {
                sb.append((char) c);
            }
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length) {
                try {
                    out[n++] = (byte) Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII), 16);
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    n--;
                }
            }
            out[n++] = in[i];
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
