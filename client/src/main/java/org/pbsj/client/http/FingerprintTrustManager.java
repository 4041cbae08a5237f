package org.pbsj.client.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.BiConsumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Server certificate check of {@code backup-protocol.md} §1.1: normal PKI validation first
 * (including the host name check, which the default manager does given the engine); if that
 * fails, the SHA-256 fingerprint of the leaf certificate must equal the expected one; otherwise
 * the {@link FingerprintPrompt} decides, and without one the handshake fails with
 * "Certificate fingerprint was not confirmed.".
 *
 * <p>It extends {@link X509ExtendedTrustManager} on purpose: JSSE wraps a plain
 * {@code X509TrustManager} with its own host name check, which would reject a pinned
 * self-signed certificate whose name does not match, the very case pinning is for.
 */
public final class FingerprintTrustManager extends X509ExtendedTrustManager {
    public static final String NOT_CONFIRMED = "Certificate fingerprint was not confirmed.";

    /** Thrown from the handshake when the certificate is not trusted; the message is the one to show. */
    public static final class NotConfirmedException extends CertificateException {
        NotConfirmedException(String message, Throwable pkiFailure) {
            super(message, pkiFailure);
        }
    }

    private final String server;
    private final X509ExtendedTrustManager pki;
    private final FingerprintPrompt prompt;
    private final BiConsumer<String, String> onConfirmed;
    private volatile String expected;

    /**
     * @param server      host name for the prompt and the cache
     * @param expected    the pinned fingerprint, or null
     * @param pki         the PKI trust manager tried first, or null to rely on fingerprints only
     * @param prompt      asks about unknown certificates, or null (non-interactive)
     * @param onConfirmed called with (server, fingerprint) after the prompt accepted one, to cache it
     */
    public FingerprintTrustManager(String server, String expected, X509ExtendedTrustManager pki,
            FingerprintPrompt prompt, BiConsumer<String, String> onConfirmed) {
        this.server = server;
        this.expected = expected == null ? null : CertificateFingerprint.normalize(expected);
        this.pki = pki;
        this.prompt = prompt;
        this.onConfirmed = onConfirmed == null ? (s, f) -> { } : onConfirmed;
    }

    /** The JDK's default trust manager (the cacerts trust store). */
    public static X509ExtendedTrustManager systemDefault() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager in the default trust manager factory");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise the default trust manager", e);
        }
    }

    /** A TLS context that verifies servers with this manager. */
    public SSLContext sslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {this}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    /** The fingerprint currently pinned (configured, or accepted at the prompt). */
    public String expectedFingerprint() {
        return expected;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        verify(chain, () -> pki.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        verify(chain, () -> pki.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain, () -> pki.checkServerTrusted(chain, authType));
    }

    @FunctionalInterface
    private interface PkiCheck {
        void run() throws CertificateException;
    }

    private void verify(X509Certificate[] chain, PkiCheck pkiCheck) throws CertificateException {
        if (pki != null) {
            try {
                pkiCheck.run();
                return; // step 1: a PKI-valid certificate needs no fingerprint
            } catch (CertificateException e) {
                checkFingerprint(chain, e);
                return;
            }
        }
        checkFingerprint(chain, null);
    }

    private void checkFingerprint(X509Certificate[] chain, CertificateException pkiFailure)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new NotConfirmedException("server sent no certificate", pkiFailure);
        }
        String fingerprint = CertificateFingerprint.of(chain[0]);
        String pinned = expected;
        if (fingerprint.equals(pinned)) {
            return;
        }
        // synchronized: parallel connections must not ask the user twice
        synchronized (this) {
            if (fingerprint.equals(expected)) {
                return;
            }
            if (prompt != null && prompt.confirm(server, fingerprint, expected)) {
                expected = fingerprint;
                onConfirmed.accept(server, fingerprint);
                return;
            }
        }
        throw new NotConfirmedException(NOT_CONFIRMED, pkiFailure);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager verifies servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager verifies servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager verifies servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pki == null ? new X509Certificate[0] : pki.getAcceptedIssuers();
    }
}
