package org.pbsj.protocol;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Non-interactive server certificate check of {@code backup-protocol.md} §1.1, for a remote whose
 * fingerprint is configured: the SHA-256 fingerprint of the leaf certificate must equal it (no
 * host name check then, a pinned self-signed certificate need not name the host); without a
 * fingerprint, normal PKI validation with the JDK's trust store and host name check. An
 * {@link X509ExtendedTrustManager} on purpose: JSSE would wrap a plain one with its own host name
 * check.
 */
public final class PinnedTrust extends X509ExtendedTrustManager {
    private final String fingerprint;
    private final X509ExtendedTrustManager pki;

    private PinnedTrust(String fingerprint, X509ExtendedTrustManager pki) {
        this.fingerprint = fingerprint;
        this.pki = pki;
    }

    /** Trusts exactly the certificate with this fingerprint ({@code aa:bb:…}), or, if null, the PKI. */
    public static PinnedTrust of(String fingerprint) {
        return new PinnedTrust(fingerprint == null || fingerprint.isBlank() ? null : normalize(fingerprint), systemDefault());
    }

    /** Lower-case hex pairs joined by colons; throws on anything but 32 bytes of hex. */
    public static String normalize(String fingerprint) {
        String hex = fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint);
        }
        return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(hex));
    }

    /** The fingerprint of a certificate in the same form. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context trusting through {@code trust} (for java.net.http). */
    public static SSLContext sslContext(TrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509ExtendedTrustManager systemDefault() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager in the JDK");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface PkiCheck {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, PkiCheck pkiCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no server certificate");
        }
        if (fingerprint == null) {
            pkiCheck.run();
            return;
        }
        String actual = fingerprint(chain[0]);
        if (!actual.equals(fingerprint)) {
            throw new CertificateException("certificate fingerprint " + actual + " does not match the configured "
                    + fingerprint);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, () -> pki.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, () -> pki.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, () -> pki.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pki.getAcceptedIssuers();
    }
}
