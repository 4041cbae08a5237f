package org.pbsj.client.http;

import org.pbsj.core.client.ClientException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PbsHttpClient against a real HTTPS server with a self-signed certificate. */
class PbsHttpClientTest {
    static TestCertificates.Cert cert;
    static FakePbsServer server;

    @BeforeAll
    static void start() throws Exception {
        cert = TestCertificates.selfSigned("localhost");
        server = new FakePbsServer(cert);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        server.requests.clear();
    }

    private static PbsHttpClient client(String fingerprint, Auth auth) {
        var tm = new FingerprintTrustManager("localhost", fingerprint, FingerprintTrustManager.systemDefault(), null, null);
        return new PbsHttpClient("localhost", server.port(), tm.sslContext(), auth);
    }

    @Test
    void pingDecodesEnvelope() {
        assertEquals(Map.of("pong", true), client(cert.fingerprint(), Auth.NONE).get("/ping"));
    }

    @Test
    void loginThenTicketAuthWithCsrfOnPost() {
        PbsHttpClient c = client(cert.fingerprint(), Auth.NONE);
        Auth.Ticket t = c.login(FakePbsServer.USER, FakePbsServer.PASSWORD);
        assertEquals(FakePbsServer.TICKET, t.ticket());
        assertEquals(FakePbsServer.CSRF, t.csrfToken());
        assertEquals("application/json", server.requests.get(0).header("Content-type"));

        ApiResponse list = c.request("GET", "/config/datastore", Map.of());
        assertEquals("0123abcd", list.attributes().get("digest"));
        assertEquals("store1", ((Map<?, ?>) ((List<?>) list.data()).get(0)).get("name"));
        FakePbsServer.Seen get = server.requests.get(1);
        assertNull(get.header("Csrfpreventiontoken"), "GET carries no CSRF token");

        assertNull(c.post("/config/datastore", Map.of("name", "store2", "path", "/srv/s2")));
        FakePbsServer.Seen post = server.requests.get(2);
        assertEquals(FakePbsServer.CSRF, post.header("Csrfpreventiontoken"));
        assertEquals("{\"name\":\"store2\",\"path\":\"/srv/s2\"}".length(), post.body().length());
        server.datastores.removeIf(d -> "store2".equals(((Map<?, ?>) d).get("name")));
    }

    @Test
    void wrongPasswordIs401WithServerMessage() {
        ApiException e = assertThrows(ApiException.class,
                () -> client(cert.fingerprint(), Auth.NONE).login(FakePbsServer.USER, "wrong"));
        assertEquals(401, e.status());
        assertEquals("permission check failed.", e.getMessage());
    }

    @Test
    void apiTokenHeader() {
        PbsHttpClient c = client(cert.fingerprint(), Auth.ApiToken.parse(FakePbsServer.TOKEN));
        assertEquals("3.2.4", ((Map<?, ?>) c.get("/version")).get("version"));
        assertEquals("PBSAPIToken=" + FakePbsServer.TOKEN, server.requests.get(0).header("Authorization"));
    }

    @Test
    void errorStatusAndPlainTextMessage() {
        PbsHttpClient c = client(cert.fingerprint(), Auth.ApiToken.parse(FakePbsServer.TOKEN));
        ApiException dup = assertThrows(ApiException.class,
                () -> c.post("/config/datastore", Map.of("name", "store1", "path", "/x")));
        assertEquals(400, dup.status());
        assertEquals("datastore 'store1' already exists.", dup.getMessage());
        ApiException missing = assertThrows(ApiException.class, () -> c.get("/no/such/path"));
        assertTrue(missing.isNotFound());
        assertEquals("Path '/api2/json/no/such/path' not found.", missing.getMessage());
        ApiException unauth = assertThrows(ApiException.class,
                () -> client(cert.fingerprint(), Auth.NONE).get("/config/datastore"));
        assertTrue(unauth.isUnauthorized());
    }

    @Test
    void queryParametersAreFormEncoded() {
        PbsHttpClient c = client(cert.fingerprint(), Auth.ApiToken.parse(FakePbsServer.TOKEN));
        assertThrows(ApiException.class, () -> c.get("/admin/datastore/store1/snapshots",
                Map.of("backup-type", "host", "ns", "a b")));
        String q = server.requests.get(0).query();
        assertTrue(q.contains("backup-type=host") && q.contains("ns=a+b"), q);
        assertEquals("x%20y%2Fz", PbsHttpClient.segment("x y/z"));
        assertEquals("a=1&a=2", PbsHttpClient.formEncode(Map.of("a", List.of(1, 2))));
    }

    @Test
    void mismatchingFingerprintFailsTheHandshake() throws Exception {
        String wrong = TestCertificates.selfSigned("localhost").fingerprint();
        ClientException e = assertThrows(ClientException.class, () -> client(wrong, Auth.NONE).get("/ping"));
        assertEquals("Certificate fingerprint was not confirmed.", e.getMessage());
        assertTrue(server.requests.isEmpty(), "no request may reach an untrusted server");
    }

    @Test
    void pinnedCertificateWithOtherHostNameIsAccepted() throws Exception {
        // pinning replaces PKI, host name check included (the certificate names another host)
        TestCertificates.Cert foreign = TestCertificates.selfSigned("pbs.example.org");
        try (FakePbsServer s = new FakePbsServer(foreign)) {
            var tm = new FingerprintTrustManager("localhost", foreign.fingerprint(),
                    FingerprintTrustManager.systemDefault(), null, null);
            var c = new PbsHttpClient("localhost", s.port(), tm.sslContext(), Auth.NONE);
            assertEquals(Map.of("pong", true), c.get("/ping"));
        }
    }

    @Test
    void connectionRefusedIsAClientError() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        var tm = new FingerprintTrustManager("localhost", cert.fingerprint(), null, null, null);
        var c = new PbsHttpClient("localhost", port, tm.sslContext(), Auth.NONE);
        ClientException e = assertThrows(ClientException.class, () -> c.get("/ping"));
        assertTrue(e.getMessage().contains("localhost:" + port), e.getMessage());
    }

    @Test
    void certificateProbeReadsLeafWithoutTrust() {
        assertEquals(cert.fingerprint(), CertificateFingerprint.of(CertificateProbe.fetch("localhost", server.port())));
        assertTrue(server.requests.isEmpty());
    }
}
