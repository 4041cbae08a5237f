package org.pbsj.client.cli;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pbsj.client.http.CertificateFingerprint;

/**
 * A server certificate as {@code proxmox-backup-manager cert info} shows it: subject with its
 * alternative names, issuer, validity (OpenSSL's date form), SHA-256 fingerprint, key type.
 */
final class CertificateText {
    /** OpenSSL's {@code ASN1_TIME_print}: {@code Jun  1 12:00:00 2024 GMT}. */
    private static final DateTimeFormatter OPENSSL_TIME =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final X509Certificate cert;

    CertificateText(X509Certificate cert) {
        this.cert = cert;
    }

    String fingerprint() {
        return CertificateFingerprint.of(cert);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Subject: ").append(cert.getSubjectX500Principal().getName()).append('\n');
        for (String san : alternativeNames()) {
            sb.append("    ").append(san).append('\n');
        }
        sb.append("Issuer: ").append(cert.getIssuerX500Principal().getName()).append('\n');
        sb.append("Validity:\n");
        sb.append("    Not Before: ").append(OPENSSL_TIME.format(cert.getNotBefore().toInstant())).append('\n');
        sb.append("    Not After : ").append(OPENSSL_TIME.format(cert.getNotAfter().toInstant())).append('\n');
        sb.append("Fingerprint (sha256): ").append(fingerprint()).append('\n');
        sb.append("Public key type: ").append(keyType(cert.getPublicKey())).append('\n');
        int bits = keyBits(cert.getPublicKey());
        if (bits > 0) {
            sb.append("Public key bits: ").append(bits).append('\n');
        }
        return sb.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", cert.getSubjectX500Principal().getName());
        m.put("san", new ArrayList<Object>(alternativeNames()));
        m.put("issuer", cert.getIssuerX500Principal().getName());
        m.put("notbefore", cert.getNotBefore().toInstant().getEpochSecond());
        m.put("notafter", cert.getNotAfter().toInstant().getEpochSecond());
        m.put("fingerprint", fingerprint());
        m.put("public-key-type", keyType(cert.getPublicKey()));
        m.put("public-key-bits", (long) keyBits(cert.getPublicKey()));
        return m;
    }

    private List<String> alternativeNames() {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (Integer.valueOf(2).equals(type)) {
                        out.add("DNS:" + san.get(1));
                    } else if (Integer.valueOf(7).equals(type)) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            out.add("(unparsable subject alternative names)");
        }
        return out;
    }

    /** OpenSSL's names for the common key types. */
    private static String keyType(PublicKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return "rsaEncryption";
            case "EC":
                return "id-ecPublicKey";
            default:
                return key.getAlgorithm();
        }
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        return 0;
    }
}
