package org.pbsj.client.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * TLS certificate fingerprints as PBS shows and pins them ({@code backup-protocol.md} §1.1):
 * SHA-256 of the leaf certificate's DER encoding, 32 lowercase hex pairs joined by {@code :}.
 */
public final class CertificateFingerprint {
    private static final Pattern FORMAT = Pattern.compile("^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){31}$");
    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    private CertificateFingerprint() {
    }

    public static String of(X509Certificate cert) {
        try {
            return of(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate", e);
        }
    }

    public static String of(byte[] der) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Whether {@code text} has the fingerprint form (either case). */
    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** Lower-cases a fingerprint after checking its form; comparisons are case-insensitive. */
    public static String normalize(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("invalid certificate fingerprint '" + text
                    + "' (expected 32 hex byte pairs joined by ':')");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
