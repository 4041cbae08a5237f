package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postForm;
import static org.pbsj.it.ItServer.postJson;
import static org.pbsj.it.ItServer.send;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.pbsj.core.json.Json;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

/**
 * Access control against the running server: API token lifecycle, user update/delete, password
 * change, permissions, the TOTP/recovery-key login and an LDAP realm served from inside the test.
 * Set-up goes through the manager token (a root@pam token with Admin on /).
 */
class AccessIT {
    /** RFC 6238 seed "12345678901234567890" in base32. */
    static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    static String token() throws Exception {
        return ItServer.managerTokenHeader();
    }

    static HttpRequest.Builder json(String method, String path, String body) {
        return HttpRequest.newBuilder(ItServer.BASE.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    static ItServer.Reply asManager(String method, String path, Map<String, Object> body) throws Exception {
        return send(json(method, path, body == null ? null : Json.compact(body)).header("Authorization", token()));
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    static void createUser(String userid, String password) throws Exception {
        asManager("DELETE", "access/users/" + userid, null); // left over from an earlier run of the same home
        ItServer.Reply r = asManager("POST", "access/users", m("userid", userid, "password", password));
        assertEquals(200, r.status(), r.body());
    }

    /** A logged-in session: the cookie and CSRF header of a full ticket. */
    record Session(String cookie, String csrf) {
        HttpRequest.Builder on(HttpRequest.Builder b) {
            return b.header("Cookie", cookie).header("CSRFPreventionToken", csrf);
        }
    }

    static Map<?, ?> loginData(String user, String password) throws Exception {
        ItServer.Reply r = send(postForm("access/ticket", Map.of("username", user, "password", password)));
        assertEquals(200, r.status(), r.body());
        return (Map<?, ?>) r.data();
    }

    static Session session(Map<?, ?> login) {
        return new Session("PBSAuthCookie=" + URLEncoder.encode((String) login.get("ticket"), StandardCharsets.UTF_8),
                (String) login.get("CSRFPreventionToken"));
    }

    @Test
    void apiTokenLifecycle() throws Exception {
        createUser("it-tok@pbs", "token-owner-1");
        ItServer.Reply gen = asManager("POST", "access/users/it-tok@pbs/token/t1", m("comment", "system test"));
        assertEquals(200, gen.status(), gen.body());
        Map<?, ?> secret = (Map<?, ?>) gen.data();
        assertEquals("it-tok@pbs!t1", secret.get("tokenid"));
        String header = "PBSAPIToken=it-tok@pbs!t1:" + secret.get("value");
        assertEquals(200, send(get("version").header("Authorization", header)).status());

        List<?> tokens = (List<?>) asManager("GET", "access/users/it-tok@pbs/token", null).data();
        assertEquals(1, tokens.size());
        assertEquals("system test", ((Map<?, ?>) tokens.get(0)).get("comment"));
        assertFalse(((Map<?, ?>) tokens.get(0)).containsKey("value"), "the secret is shown once only");

        assertEquals(200, asManager("PUT", "access/users/it-tok@pbs/token/t1", m("enable", false)).status());
        assertEquals(401, send(get("version").header("Authorization", header)).status(), "disabled token");
        assertEquals(200, asManager("PUT", "access/users/it-tok@pbs/token/t1", m("enable", true)).status());
        assertEquals(200, send(get("version").header("Authorization", header)).status());

        assertEquals(200, asManager("PUT", "access/users/it-tok@pbs", m("enable", false)).status());
        assertEquals(401, send(get("version").header("Authorization", header)).status(), "token of a disabled user");
        assertEquals(200, asManager("PUT", "access/users/it-tok@pbs", m("enable", true)).status());

        assertEquals(200, asManager("DELETE", "access/users/it-tok@pbs/token/t1", null).status());
        assertEquals(401, send(get("version").header("Authorization", header)).status(), "deleted token");
    }

    @Test
    void userUpdateAndDelete() throws Exception {
        createUser("it-upd@pbs", "update-me-1");
        ItServer.Reply read = asManager("GET", "access/users/it-upd@pbs", null);
        String digest = (String) ((Map<?, ?>) Json.parse(read.body())).get("digest");
        assertEquals(64, digest.length());
        ItServer.Reply upd = asManager("PUT", "access/users/it-upd@pbs",
                m("comment", "updated", "email", "upd@example.com", "digest", digest));
        assertEquals(200, upd.status(), upd.body());
        Map<?, ?> user = (Map<?, ?>) asManager("GET", "access/users/it-upd@pbs", null).data();
        assertEquals("updated", user.get("comment"));
        assertEquals("upd@example.com", user.get("email"));
        ItServer.Reply stale = asManager("PUT", "access/users/it-upd@pbs", m("comment", "again", "digest", digest));
        assertEquals(400, stale.status(), "stale digest: " + stale.body());
        assertEquals(200, asManager("PUT", "access/users/it-upd@pbs", m("delete", List.of("email"))).status());
        assertFalse(((Map<?, ?>) asManager("GET", "access/users/it-upd@pbs", null).data()).containsKey("email"));

        List<?> withTokens = (List<?>) asManager("GET", "access/users?include_tokens=1", null).data();
        assertTrue(withTokens.stream().allMatch(u -> ((Map<?, ?>) u).containsKey("tokens")), withTokens.toString());

        assertEquals(200, asManager("DELETE", "access/users/it-upd@pbs", null).status());
        assertEquals(404, asManager("GET", "access/users/it-upd@pbs", null).status());
        assertEquals(400, asManager("GET", "access/users/bad%20user@pbs", null).status());
    }

    @Test
    void passwordChangeThenLogin() throws Exception {
        createUser("it-pw@pbs", "old-password-1");
        Session s = session(loginData("it-pw@pbs", "old-password-1"));
        ItServer.Reply change = send(s.on(json("PUT", "access/password",
                "{\"userid\":\"it-pw@pbs\",\"password\":\"new-password-2\",\"confirmation-password\":\"old-password-1\"}")));
        assertEquals(200, change.status(), change.body());
        assertEquals(401, send(postForm("access/ticket", Map.of("username", "it-pw@pbs", "password", "old-password-1"))).status());
        loginData("it-pw@pbs", "new-password-2");
        ItServer.Reply byToken = asManager("PUT", "access/password", m("userid", "it-pw@pbs", "password", "x-x-x-x-x"));
        assertEquals(400, byToken.status(), "API tokens cannot change passwords: " + byToken.body());
    }

    @Test
    void permissionsOfTheSuperuserTokenAndOfAUserWithAnAcl() throws Exception {
        Map<?, ?> root = (Map<?, ?>) asManager("GET", "access/permissions", null).data();
        Map<?, ?> slash = (Map<?, ?>) root.get("/");
        assertEquals(23, slash.size(), root.toString()); // PBS 3.3: 20 + Remote.Datastore{Backup,Modify,Prune}
        assertEquals(true, slash.get("Permissions.Modify"));

        createUser("it-perm@pbs", "perm-user-1");
        Session s = session(loginData("it-perm@pbs", "perm-user-1"));
        assertEquals(Map.of(), send(s.on(get("access/permissions"))).data(), "no ACL, no privileges");
        assertEquals(403, send(s.on(get("access/permissions?auth-id=admin@pbs"))).status());

        ItServer.Reply acl = asManager("PUT", "access/acl", m("path", "/datastore/store1", "role", "DatastoreReader",
                "auth-id", "it-perm@pbs"));
        assertEquals(200, acl.status(), acl.body());
        Map<?, ?> mine = (Map<?, ?>) send(s.on(get("access/permissions"))).data();
        assertEquals(Map.of("Datastore.Audit", true, "Datastore.Read", true, "Datastore.Verify", true),
                mine.get("/datastore/store1"), mine.toString());
        Map<?, ?> asAdmin = (Map<?, ?>) asManager("GET", "access/permissions?auth-id=it-perm@pbs&path=/datastore/store1",
                null).data();
        assertEquals(mine.get("/datastore/store1"), asAdmin.get("/datastore/store1"));
    }

    @Test
    void totpAndRecoveryKeyLogin() throws Exception {
        createUser("it-tfa@pbs", "tfa-user-1");
        Session s = session(loginData("it-tfa@pbs", "tfa-user-1"));
        String uri = "otpauth://totp/it-tfa?secret=" + TOTP_SECRET + "&issuer=pbsj";
        ItServer.Reply add = send(s.on(json("POST", "access/tfa/it-tfa@pbs", Json.compact(m("type", "totp",
                "description", "phone", "totp", uri, "value", totp(0), "password", "tfa-user-1")))));
        assertEquals(200, add.status(), add.body());
        ItServer.Reply rec = send(s.on(json("POST", "access/tfa/it-tfa@pbs",
                Json.compact(m("type", "recovery", "password", "tfa-user-1")))));
        assertEquals(200, rec.status(), rec.body());
        List<?> keys = (List<?>) ((Map<?, ?>) rec.data()).get("recovery");
        assertEquals(10, keys.size());
        assertEquals(2, ((List<?>) send(s.on(get("access/tfa/it-tfa@pbs"))).data()).size());

        Map<?, ?> partial = loginData("it-tfa@pbs", "tfa-user-1");
        String challenge = (String) partial.get("ticket");
        assertTrue(challenge.startsWith("PBS:!tfa!"), challenge);
        assertEquals("invalid", partial.get("CSRFPreventionToken"));
        assertEquals(401, send(get("version").header("Cookie", "PBSAuthCookie="
                + URLEncoder.encode(challenge, StandardCharsets.UTF_8))).status(), "a partial ticket is no ticket");

        ItServer.Reply viaTotp = send(postForm("access/ticket", Map.of("username", "it-tfa@pbs",
                "password", "totp:" + totp(1), "tfa-challenge", challenge)));
        assertEquals(200, viaTotp.status(), viaTotp.body());
        Session full = session((Map<?, ?>) viaTotp.data());
        assertEquals(200, send(full.on(get("version"))).status());

        ItServer.Reply viaRecovery = send(postForm("access/ticket", Map.of("username", "it-tfa@pbs",
                "password", "recovery:" + keys.get(0), "tfa-challenge", challenge)));
        assertEquals(200, viaRecovery.status(), viaRecovery.body());
        ItServer.Reply reused = send(postForm("access/ticket", Map.of("username", "it-tfa@pbs",
                "password", "recovery:" + keys.get(0), "tfa-challenge", challenge)));
        assertEquals(401, reused.status(), "recovery keys are single-use");
    }

    @Test
    void domainsAndLdapRealmLogin() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig("dc=corp,dc=test");
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), 0, null));
        InMemoryDirectoryServer ldap = new InMemoryDirectoryServer(cfg);
        ldap.startListening();
        try {
            ldap.add("dn: dc=corp,dc=test", "objectClass: domain", "dc: corp");
            ldap.add("dn: cn=svc,dc=corp,dc=test", "objectClass: person", "cn: svc", "sn: svc", "userPassword: svc-pw");
            ldap.add("dn: cn=alice,dc=corp,dc=test", "objectClass: inetOrgPerson", "uid: alice", "cn: alice", "sn: a",
                    "userPassword: alice-pw");
            asManager("DELETE", "config/access/ldap/itcorp", null);
            ItServer.Reply realm = asManager("POST", "config/access/ldap", m("realm", "itcorp", "server1", "127.0.0.1",
                    "port", ldap.getListenPort("ldap"), "base-dn", "dc=corp,dc=test", "user-attr", "uid",
                    "bind-dn", "cn=svc,dc=corp,dc=test", "password", "svc-pw", "comment", "IT directory"));
            assertEquals(200, realm.status(), realm.body());
            Map<?, ?> shown = (Map<?, ?>) asManager("GET", "config/access/ldap/itcorp", null).data();
            assertFalse(shown.containsKey("password"), shown.toString());

            List<?> domains = (List<?>) send(get("access/domains")).data();
            assertTrue(domains.stream().anyMatch(d -> "itcorp".equals(((Map<?, ?>) d).get("realm"))
                    && "ldap".equals(((Map<?, ?>) d).get("type"))), domains.toString());

            createUser("alice@itcorp", null);
            Map<?, ?> login = loginData("alice@itcorp", "alice-pw");
            assertEquals("alice@itcorp", login.get("username"));
            assertNotNull(login.get("CSRFPreventionToken"));
        } finally {
            ldap.shutDown(true);
        }
    }

    /** The RFC 6238 SHA-1 code of the test secret, {@code steps} periods from now. */
    static String totp(int steps) throws Exception {
        long counter = System.currentTimeMillis() / 1000 / 30 + steps;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("12345678901234567890".getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        int off = h[h.length - 1] & 0x0f;
        int bin = ((h[off] & 0x7f) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }
}
