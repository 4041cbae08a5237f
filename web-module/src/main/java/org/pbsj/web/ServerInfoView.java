package org.pbsj.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.CertificateService;

/** Public facts a client needs before it logs in (shown on the login page), and the Certificates view. */
@Named
@RequestScoped
public class ServerInfoView {
    @Inject
    CertificateService certificates;

    private CertificateService.CertificateInfo certificate;

    public String getCompatVersion() {
        return "3.2.4";
    }

    public String getFingerprint() {
        CertificateService.CertificateInfo c = getCertificate();
        return c == null ? "(not generated yet)" : c.fingerprint();
    }

    /** The server certificate, or null before the first TLS handshake generated it. */
    public CertificateService.CertificateInfo getCertificate() {
        if (certificate == null) {
            certificate = certificates.serverCertificate().orElse(null);
        }
        return certificate;
    }
}
