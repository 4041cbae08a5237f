package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postForm;
import static org.pbsj.it.ItServer.postJson;
import static org.pbsj.it.ItServer.send;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The embedded-defaults server as the README brings it up: HTTPS on its port, the generated
 * admin, datastore store1 on disk, tickets, CSRF, tokens, ACL-filtered answers, and bad input.
 */
class ServerFoundationIT {

    @Test
    void pingIsPublicAndVersionNeedsAuthentication() throws Exception {
        ItServer.Reply ping = send(get("ping"));
        assertEquals(200, ping.status());
        assertEquals(Map.of("pong", true), ping.data());
        ItServer.Reply version = send(get("version"));
        assertEquals(401, version.status());
        assertFalse(version.body().startsWith("{"), "errors are plain text: " + version.body());
    }

    @Test
    void certificateTheClientSeesIsTheOneTheServerReports() throws Exception {
        ItServer.Reply info = send(get("nodes/localhost/certificates/info")
                .header("Authorization", ItServer.managerTokenHeader()));
        assertEquals(200, info.status(), info.body());
        Map<?, ?> cert = (Map<?, ?>) ((List<?>) info.data()).get(0);
        assertEquals(ItServer.fingerprint(ItServer.SEEN.get()), cert.get("fingerprint"));
        String launcherOut = Files.readString(ItServer.HOME.resolve("start.out"));
        assertTrue(launcherOut.contains((String) cert.get("fingerprint")), launcherOut);
    }

    @Test
    void initialAdminLogsInAndSeesStore1OnDisk() throws Exception {
        String[] admin = ItServer.initialAdmin();
        assertEquals("admin@pbs", admin[0]);
        ItServer.Reply login = send(postForm("access/ticket", Map.of("username", admin[0], "password", admin[1])));
        assertEquals(200, login.status(), login.body());
        Map<?, ?> ticket = (Map<?, ?>) login.data();
        String cookie = "PBSAuthCookie=" + URLEncoder.encode((String) ticket.get("ticket"), StandardCharsets.UTF_8);

        ItServer.Reply stores = send(get("config/datastore").header("Cookie", cookie));
        assertEquals(200, stores.status(), stores.body());
        Map<?, ?> store1 = ((List<?>) stores.data()).stream().map(x -> (Map<?, ?>) x)
                .filter(x -> "store1".equals(x.get("name"))).findFirst().orElseThrow();
        Path dir = Path.of((String) store1.get("path"));
        assertTrue(Files.isDirectory(dir.resolve(".chunks/0000")), dir + " has no chunk store");
        assertTrue(Files.isDirectory(dir.resolve(".chunks/ffff")));

        ItServer.Reply version = send(get("version").header("Cookie", cookie));
        assertEquals("3.2.4", ((Map<?, ?>) version.data()).get("version"));
        assertFalse(Files.exists(ItServer.HOME.resolve("data/pbsj-etc/initial-admin-password")),
                "the launcher removes the password file after showing it");
    }

    @Test
    void ticketsNeedCsrfForWritesAndAclsLimitWhatAUserSees() throws Exception {
        String token = ItServer.managerTokenHeader();
        ItServer.Reply created = send(postJson("access/users",
                "{\"userid\":\"it-user@pbs\",\"password\":\"it-password-1\",\"comment\":\"system test\"}")
                .header("Authorization", token));
        assertTrue(created.status() == 200 || created.body().contains("already exists"), created.body());

        ItServer.Reply wrong = send(postForm("access/ticket", Map.of("username", "it-user@pbs", "password", "nope-nope")));
        assertEquals(401, wrong.status());

        Map<?, ?> login = (Map<?, ?>) send(postForm("access/ticket",
                Map.of("username", "it-user@pbs", "password", "it-password-1"))).data();
        String cookie = "PBSAuthCookie=" + URLEncoder.encode((String) login.get("ticket"), StandardCharsets.UTF_8);
        String csrf = (String) login.get("CSRFPreventionToken");

        assertEquals(List.of(), send(get("admin/datastore").header("Cookie", cookie)).data(),
                "a user without ACLs sees no datastore");
        ItServer.Reply noCsrf = send(postJson("config/datastore", "{\"name\":\"x1\",\"path\":\"/tmp/x1\"}").header("Cookie", cookie));
        assertEquals(401, noCsrf.status(), noCsrf.body());
        ItServer.Reply noPriv = send(postJson("config/datastore", "{\"name\":\"x1\",\"path\":\"/tmp/x1\"}")
                .header("Cookie", cookie).header("CSRFPreventionToken", csrf));
        assertEquals(403, noPriv.status(), noPriv.body());

        ItServer.Reply forged = send(get("admin/datastore").header("Cookie",
                cookie.replace("it-user", "admin")));
        assertEquals(401, forged.status());
    }

    @Test
    void badInputGetsClearErrorsAndCreatesNothing() throws Exception {
        String token = ItServer.managerTokenHeader();
        int before = ((List<?>) send(get("config/datastore").header("Authorization", token)).data()).size();
        ItServer.Reply traversal = send(postJson("config/datastore", "{\"name\":\"../evil\",\"path\":\"/tmp/evil\"}")
                .header("Authorization", token));
        assertEquals(400, traversal.status(), traversal.body());
        assertTrue(traversal.body().contains("name"), traversal.body());

        ItServer.Reply relative = send(postJson("config/datastore", "{\"name\":\"rel1\",\"path\":\"relative/dir\"}")
                .header("Authorization", token));
        assertEquals(400, relative.status(), relative.body());

        ItServer.Reply malformed = send(postJson("config/datastore", "{\"name\":").header("Authorization", token));
        assertEquals(400, malformed.status(), malformed.body());

        ItServer.Reply unknownParam = send(postJson("config/datastore", "{\"name\":\"abc\",\"path\":\"/tmp/abc\",\"bogus\":1}")
                .header("Authorization", token));
        assertEquals(400, unknownParam.status(), unknownParam.body());
        assertTrue(unknownParam.body().contains("bogus"), unknownParam.body());

        List<?> stores = (List<?>) send(get("config/datastore").header("Authorization", token)).data();
        assertEquals(before, stores.size(), "nothing was created: " + stores);
    }

    @Test
    void managerCreatesASecondDatastore() throws Exception {
        String token = ItServer.managerTokenHeader();
        Path dir = ItServer.HOME.resolve("datastores-extra/store2").toAbsolutePath();
        ItServer.Reply r = send(postJson("config/datastore",
                "{\"name\":\"store2\",\"path\":\"" + dir + "\",\"comment\":\"second\"}").header("Authorization", token));
        assertEquals(200, r.status(), r.body());
        assertTrue(Files.isDirectory(dir.resolve(".chunks/abcd")));
        ItServer.Reply status = send(get("admin/datastore/store2/status").header("Authorization", token));
        assertNotNull(((Map<?, ?>) status.data()).get("avail"));
        ItServer.Reply dup = send(postJson("config/datastore",
                "{\"name\":\"store2\",\"path\":\"" + dir + "x\"}").header("Authorization", token));
        assertEquals(400, dup.status());
    }
}
