package org.pbsj.server.application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.pbsj.server.infrastructure.ServerEnvironment;

/** The server's TLS certificate, as {@code /nodes/{node}/certificates/info} shows it. */
@Stateless
public class CertificateService {
    @Inject
    ServerEnvironment env;

    public record CertificateInfo(String filename, String fingerprint, String subject, String issuer,
            long notbefore, long notafter, String publicKeyType) {
    }

    /** Empty until the first TLS handshake made the server generate its certificate. */
    public Optional<CertificateInfo> serverCertificate() {
        if (!Files.exists(env.tlsKeyStore())) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(env.tlsKeyStore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, env.tlsKeyStorePassword().toCharArray());
            for (Enumeration<String> aliases = ks.aliases(); aliases.hasMoreElements();) {
                String alias = aliases.nextElement();
                if (ks.getCertificate(alias) instanceof X509Certificate cert) {
                    String fp = HexFormat.ofDelimiter(":")
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
                    return Optional.of(new CertificateInfo(env.tlsKeyStore().getFileName().toString(), fp,
                            cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                            cert.getNotBefore().toInstant().getEpochSecond(),
                            cert.getNotAfter().toInstant().getEpochSecond(), cert.getPublicKey().getAlgorithm()));
                }
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            throw new ServiceException(ServiceException.Kind.INTERNAL, "cannot read the TLS key store: " + e.getMessage(), e);
        }
    }
}
