package org.pbsj.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.CertificateService;

/** Public facts a client needs before it logs in: what the server is and its fingerprint. */
@Named
@RequestScoped
public class ServerInfoView {
    @Inject
    CertificateService certificates;

    public String getCompatVersion() {
        return "3.2.4";
    }

    public String getFingerprint() {
        return certificates.serverCertificate().map(CertificateService.CertificateInfo::fingerprint)
                .orElse("(not generated yet)");
    }
}
