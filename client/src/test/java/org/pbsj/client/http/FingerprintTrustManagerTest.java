package org.pbsj.client.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTrustManagerTest {
    static TestCertificates.Cert cert;
    static TestCertificates.Cert other;

    @BeforeAll
    static void certs() throws Exception {
        cert = TestCertificates.selfSigned("localhost");
        other = TestCertificates.selfSigned("localhost");
    }

    private static X509Certificate[] chain(TestCertificates.Cert c) {
        return new X509Certificate[] {c.certificate()};
    }

    @Test
    void fingerprintFormat() {
        String fp = cert.fingerprint();
        assertEquals(95, fp.length());
        assertTrue(fp.matches("([0-9a-f]{2}:){31}[0-9a-f]{2}"), fp);
        assertTrue(CertificateFingerprint.isValid(fp.toUpperCase()));
    }

    @Test
    void acceptsMatchingFingerprintCaseInsensitively() {
        var tm = new FingerprintTrustManager("localhost", cert.fingerprint().toUpperCase(),
                FingerprintTrustManager.systemDefault(), null, null);
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA"));
    }

    @Test
    void rejectsMismatchNonInteractively() {
        var tm = new FingerprintTrustManager("localhost", other.fingerprint(),
                FingerprintTrustManager.systemDefault(), null, null);
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA"));
        assertEquals("Certificate fingerprint was not confirmed.", e.getMessage());
    }

    @Test
    void rejectsUnknownNonInteractively() {
        var tm = new FingerprintTrustManager("localhost", null, FingerprintTrustManager.systemDefault(), null, null);
        assertThrows(FingerprintTrustManager.NotConfirmedException.class,
                () -> tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA"));
    }

    @Test
    void promptSeesMismatchAndAcceptedFingerprintIsPinnedAndReported() throws Exception {
        List<String> asked = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        var tm = new FingerprintTrustManager("pbs1", other.fingerprint(), null, (server, fp, expected) -> {
            asked.add(server + " " + fp + " " + expected);
            return true;
        }, (server, fp) -> stored.add(server + " " + fp));
        tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA");
        tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA"); // pinned now: no second question
        assertEquals(List.of("pbs1 " + cert.fingerprint() + " " + other.fingerprint()), asked);
        assertEquals(List.of("pbs1 " + cert.fingerprint()), stored);
        assertEquals(cert.fingerprint(), tm.expectedFingerprint());
    }

    @Test
    void promptCanRefuse() {
        var tm = new FingerprintTrustManager("pbs1", null, null, (s, f, e) -> false, null);
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA"));
        assertNull(tm.expectedFingerprint());
    }

    @Test
    void trustOnFirstUsePinsTheFirstCertificate() throws Exception {
        var tm = new FingerprintTrustManager("localhost", null, null, FingerprintPrompt.acceptFirst(), null);
        tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA");
        tm.checkServerTrusted(chain(cert), "ECDHE_ECDSA");
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain(other), "ECDHE_ECDSA"));
    }

    @Test
    void rejectsClientCertificates() {
        var tm = new FingerprintTrustManager("h", cert.fingerprint(), null, null, null);
        assertThrows(CertificateException.class, () -> tm.checkClientTrusted(chain(cert), "RSA"));
    }

    @Test
    void fingerprintCacheKeepsOtherServers(@TempDir Path dir) {
        FingerprintCache cache = new FingerprintCache(dir.resolve("sub/fingerprints"));
        assertTrue(cache.load("a").isEmpty());
        cache.store("a", cert.fingerprint());
        cache.store("b", other.fingerprint().toUpperCase());
        cache.store("a", other.fingerprint());
        assertEquals(other.fingerprint(), cache.load("a").orElseThrow());
        assertEquals(other.fingerprint(), cache.load("b").orElseThrow());
        assertTrue(cache.load("c").isEmpty());
    }
}
