package org.pbsj.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.util.Map;

import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;

class SessionEndpointTest {
    private static final X509TrustManager TRUST = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    @Test
    void snapshotQueryEncodesNamesAndOmitsRootNamespace() {
        BackupDir root = new BackupDir(BackupGroup.of(BackupType.HOST, "web-1"), 1700000000L);
        assertEquals("store=s1&backup-type=host&backup-id=web-1&backup-time=1700000000",
                SessionEndpoint.snapshotQuery("s1", root));
        BackupDir nested = new BackupDir(new BackupGroup(BackupNamespace.of("a", "b"), BackupType.VM, "100"), 5);
        assertEquals("store=s1&ns=a%2Fb&backup-type=vm&backup-id=100&backup-time=5",
                SessionEndpoint.snapshotQuery("s1", nested));
    }

    @Test
    void authHeaders() {
        assertEquals(Map.of("Authorization", "PBSAPIToken=root@pam!sync:abc"),
                SessionAuth.apiToken("root@pam!sync", "abc").sessionHeaders());
        Map<String, String> t = SessionAuth.ticket("PBS:root@pam:1234::sig/+=", "csrf").sessionHeaders();
        assertEquals("PBSAuthCookie=PBS%3Aroot%40pam%3A1234%3A%3Asig%2F%2B%3D", t.get("Cookie"));
        assertEquals("csrf", t.get("CSRFPreventionToken"));
        assertEquals(Map.of(), SessionAuth.NONE.sessionHeaders());
    }

    @Test
    void endpointChecksItsParts() {
        assertEquals(SessionAuth.NONE, new SessionEndpoint("h", 8007, TRUST, null).auth());
        assertThrows(IllegalArgumentException.class, () -> new SessionEndpoint("h", 0, TRUST, SessionAuth.NONE));
        assertThrows(NullPointerException.class, () -> new SessionEndpoint(null, 8007, TRUST, SessionAuth.NONE));
    }
}
