package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postJson;
import static org.pbsj.it.ItServer.send;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.core.json.Json;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Job notifications end to end: an SMTP server (GreenMail) in this JVM, an SMTP endpoint
 * configured over the API pointing at it, a user with an email as the datastore's notify-user,
 * and GC and verification jobs run on the provisioned server whose mails must arrive, or not.
 */
class NotificationIT {
    private static final String STORE = "notifystore";
    private static GreenMail smtp;
    private static String token;
    private static final Set<String> SEEN = new HashSet<>();

    @BeforeAll
    static void setUp() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        token = ItServer.managerTokenHeader();
        Path dir = ItServer.HOME.resolve("datastores-extra/" + STORE).toAbsolutePath();
        ItServer.Reply r = ok(post("config/datastore", "{\"name\":\"" + STORE + "\",\"path\":\"" + dir + "\"}"));
        assertEquals("OK", waitForTask((String) r.data()).get("exitstatus"));
        ok(post("access/users", "{\"userid\":\"notify-it@pbs\",\"email\":\"notify-it@example.com\","
                + "\"password\":\"notify-secret\"}"));
    }

    @AfterAll
    static void tearDown() {
        smtp.stop();
    }

    @Test
    void endpointConfigGcMailsAndTheNeverLevel() throws Exception {
        int port = smtp.getSmtp().getPort();
        ok(post("config/notifications/endpoints/smtp", "{\"name\":\"it-relay\",\"server\":\"127.0.0.1\",\"port\":" + port
                + ",\"mode\":\"insecure\",\"username\":\"relay-user\",\"password\":\"relay-secret\","
                + "\"from-address\":\"pbsj@example.com\",\"mailto\":[\"ops@example.com\"],\"comment\":\"GreenMail\"}"));
        ItServer.Reply got = ok(send(get("config/notifications/endpoints/smtp/it-relay").header("Authorization", token)));
        Map<?, ?> ep = (Map<?, ?>) got.data();
        assertEquals("127.0.0.1", ep.get("server"));
        assertEquals((long) port, ((Number) ep.get("port")).longValue());
        assertEquals("insecure", ep.get("mode"));
        assertEquals(List.of("ops@example.com"), ep.get("mailto"));
        assertEquals("pbsj@example.com", ep.get("from-address"));
        assertFalse(got.body().contains("relay-secret"), got.body());
        // GreenMail accepts any login; the username and password go through SMTP AUTH
        ok(put("config/notifications/endpoints/smtp/it-relay", "{\"delete\":[\"username\",\"password\"]}"));
        List<?> targets = (List<?>) ok(send(get("config/notifications/targets").header("Authorization", token))).data();
        assertTrue(targets.stream().anyMatch(t -> "it-relay".equals(((Map<?, ?>) t).get("name"))), targets.toString());

        ok(post("config/notifications/targets/it-relay/test", "{}"));
        MimeMessage test = next(1);
        assertEquals("Test notification", test.getSubject());
        assertEquals(List.of("ops@example.com"), to(test));

        // legacy-sendmail (the default mode): GC mails the notify-user
        ok(put("config/datastore/" + STORE, "{\"notify-user\":\"notify-it@pbs\",\"notify\":\"gc=always,verify=error\"}"));
        Map<?, ?> cfg = (Map<?, ?>) ok(send(get("config/datastore/" + STORE).header("Authorization", token))).data();
        assertEquals("notify-it@pbs", cfg.get("notify-user"));
        assertEquals("gc=always,verify=error", cfg.get("notify"));
        assertNull(cfg.get("notification-mode"));

        String upid = (String) ok(post("admin/datastore/" + STORE + "/gc", "{}")).data();
        assertEquals("OK", waitForTask(upid).get("exitstatus"), log(upid));
        MimeMessage gc = next(2);
        assertEquals("Garbage Collect Datastore '" + STORE + "' successful", gc.getSubject());
        assertEquals(List.of("notify-it@example.com"), to(gc));
        String body = text(gc);
        assertTrue(body.contains("Task ID:              " + upid), body);
        assertTrue(body.contains("Index file count:     0"), body);
        assertTrue(body.contains("Garbage collection successful."), body);
        assertTrue(body.contains("/task.xhtml?upid=" + URLEncoder.encode(upid, StandardCharsets.UTF_8)), body);
        assertTrue(log(upid).contains("sent notification to notify-it@example.com via SMTP endpoint 'it-relay'"), log(upid));

        // verify=error and a successful manual verification: no mail; gc=never: none either
        String verify = (String) ok(post("admin/datastore/" + STORE + "/verify", "{}")).data();
        assertEquals("OK", waitForTask(verify).get("exitstatus"), log(verify));
        ok(put("config/datastore/" + STORE, "{\"notify\":\"gc=never\"}"));
        String quiet = (String) ok(post("admin/datastore/" + STORE + "/gc", "{}")).data();
        assertEquals("OK", waitForTask(quiet).get("exitstatus"), log(quiet));
        assertEquals(2, smtp.getReceivedMessages().length);

        // notification-system: every endpoint's recipients, the notify levels do not apply
        ok(put("config/datastore/" + STORE, "{\"notification-mode\":\"notification-system\"}"));
        ok(post("config/verify", "{\"id\":\"notify-verify\",\"store\":\"" + STORE + "\"}"));
        String job = (String) ok(post("admin/verify/notify-verify/run", "{}")).data();
        assertEquals("OK", waitForTask(job).get("exitstatus"), log(job));
        MimeMessage v = next(3);
        assertEquals("Verify Datastore '" + STORE + "' successful", v.getSubject());
        assertEquals(List.of("ops@example.com"), to(v));
        assertTrue(text(v).contains("Job ID:               notify-verify"), text(v));

        // round trip of the cleared settings
        ok(put("config/datastore/" + STORE, "{\"delete\":[\"notify\",\"notify-user\",\"notification-mode\"]}"));
        cfg = (Map<?, ?>) ok(send(get("config/datastore/" + STORE).header("Authorization", token))).data();
        assertNull(cfg.get("notify"));
        assertNull(cfg.get("notify-user"));
        assertEquals(400, put("config/datastore/" + STORE, "{\"notify\":\"gc=sometimes\"}").status());
        ok(send(HttpRequest.newBuilder(ItServer.BASE.resolve("config/notifications/endpoints/smtp/it-relay")).DELETE()
                .header("Authorization", token)));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Waits for the {@code n}th mail (the server sends before the task ends, so it is normally
     * there) and returns the one not seen before: GreenMail lists mails by mailbox, not by time.
     */
    private static MimeMessage next(int n) throws Exception {
        assertTrue(smtp.waitForIncomingEmail(10_000, n), "mail " + n + " did not arrive");
        MimeMessage[] all = smtp.getReceivedMessages();
        assertEquals(n, all.length);
        for (MimeMessage m : all) {
            if (SEEN.add(m.getMessageID())) {
                return m;
            }
        }
        throw new AssertionError("no new mail among " + n);
    }

    private static String text(MimeMessage m) throws Exception {
        return ((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    private static List<String> to(MimeMessage m) throws Exception {
        return Arrays.stream(m.getAllRecipients()).map(Address::toString).sorted().toList();
    }

    private static ItServer.Reply post(String path, String json) throws Exception {
        return send(postJson(path, json).header("Authorization", token));
    }

    private static ItServer.Reply put(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(ItServer.BASE.resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", token).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static ItServer.Reply ok(ItServer.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<?, ?> waitForTask(String upid) throws Exception {
        for (int i = 0; i < 1200; i++) {
            Map<?, ?> s = (Map<?, ?>) ok(send(get("nodes/localhost/tasks/" + enc(upid) + "/status")
                    .header("Authorization", token))).data();
            if ("stopped".equals(s.get("status"))) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task did not finish: " + upid + "\n" + log(upid));
    }

    private static String log(String upid) throws Exception {
        ItServer.Reply r = send(get("nodes/localhost/tasks/" + enc(upid) + "/log?limit=0").header("Authorization", token));
        StringBuilder sb = new StringBuilder();
        for (Object line : (List<?>) ((Map<?, ?>) Json.parse(r.body())).get("data")) {
            sb.append(((Map<?, ?>) line).get("t")).append('\n');
        }
        return sb.toString();
    }
}
