package org.pbsj.client.http;

import org.pbsj.core.client.ClientException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads a server's leaf certificate with a bare TLS handshake: no HTTP, no credentials. Used to
 * show the certificate ({@code pbs-manager cert info}); it trusts whatever it is shown, so its
 * result is information, never an authentication.
 */
public final class CertificateProbe {
    private static final int TIMEOUT_MS = 10_000;

    private CertificateProbe() {
    }

    public static X509Certificate fetch(String host, int port) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
            try (Socket raw = new Socket()) {
                raw.setTcpNoDelay(true);
                raw.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
                raw.setSoTimeout(TIMEOUT_MS);
                try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, false)) {
                    tls.startHandshake();
                    Certificate[] chain = tls.getSession().getPeerCertificates();
                    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                        throw new ClientException("server at " + host + ":" + port + " sent no X.509 certificate");
                    }
                    return leaf;
                }
            }
        } catch (IOException e) {
            throw new ClientException("cannot read the certificate of " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    /** Extended, so JSSE adds no checks of its own: we only want to see the certificate. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
