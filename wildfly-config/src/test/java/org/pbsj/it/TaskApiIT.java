package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postForm;
import static org.pbsj.it.ItServer.postJson;
import static org.pbsj.it.ItServer.send;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.client.cli.ManagerMain;
import org.pbsj.core.json.Json;
import org.pbsj.core.task.Upid;

/**
 * Tasks over the API ({@code rest-api.md} §6): creating a datastore runs a create-datastore
 * task whose list entry, status and log the API shows, paged and as a download, to those
 * allowed to see it; and pbs-manager's task commands against the same server.
 */
class TaskApiIT {
    private static String token;
    private static String upid;

    @BeforeAll
    static void createDatastore() throws Exception {
        token = ItServer.managerTokenHeader();
        Path dir = ItServer.HOME.resolve("datastores-extra/tasks1").toAbsolutePath();
        ItServer.Reply r = send(postJson("config/datastore",
                "{\"name\":\"tasks1\",\"path\":\"" + dir + "\"}").header("Authorization", token));
        assertEquals(200, r.status(), r.body());
        upid = (String) r.data();
        assertTrue(Upid.isValid(upid), upid);
    }

    private static String tasks(String rest) {
        return "nodes/localhost/tasks" + rest;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void createDatastoreLeavesAnOkTaskWithALog() throws Exception {
        Upid u = Upid.parse(upid);
        assertEquals("create-datastore", u.workerType());
        assertEquals("tasks1", u.workerId());
        assertEquals("root@pam!pbs-manager", u.authId());

        ItServer.Reply list = send(get(tasks("?typefilter=create-datastore&store=tasks1")).header("Authorization", token));
        assertEquals(200, list.status(), list.body());
        List<?> items = (List<?>) list.data();
        assertEquals(1, items.size(), list.body());
        Map<?, ?> item = (Map<?, ?>) items.get(0);
        assertEquals(upid, item.get("upid"));
        assertEquals("OK", item.get("status"));
        assertEquals("localhost", item.get("node"));
        assertEquals("tasks1", item.get("worker_id"));
        assertTrue(((Number) item.get("endtime")).longValue() >= u.starttime());
        assertEquals(1L, ((Number) ((Map<?, ?>) Json.parse(list.body())).get("total")).longValue());

        Map<?, ?> status = (Map<?, ?>) send(get(tasks("/" + enc(upid) + "/status")).header("Authorization", token)).data();
        assertEquals("stopped", status.get("status"));
        assertEquals("OK", status.get("exitstatus"));
        assertEquals("root@pam", status.get("user"));
        assertEquals("pbs-manager", status.get("tokenid"));
        assertEquals("create-datastore", status.get("type"));

        // the host name works as {node} too, any other name does not
        assertEquals(200, send(get("nodes/" + u.node() + "/tasks").header("Authorization", token)).status());
        assertEquals(404, send(get("nodes/no-such-node/tasks").header("Authorization", token)).status());
        assertEquals(400, send(get(tasks("/UPID%3Abogus/status")).header("Authorization", token)).status());
    }

    @Test
    void logIsPagedAndDownloadable() throws Exception {
        ItServer.Reply all = send(get(tasks("/" + enc(upid) + "/log?limit=0&test-status=1")).header("Authorization", token));
        assertEquals(200, all.status(), all.body());
        Map<?, ?> body = (Map<?, ?>) Json.parse(all.body());
        assertEquals(1L, ((Number) body.get("success")).longValue());
        assertEquals(Boolean.FALSE, body.get("active"));
        List<?> lines = (List<?>) body.get("data");
        long total = ((Number) body.get("total")).longValue();
        assertTrue(total >= 3, all.body());
        assertEquals(total, lines.size());
        String last = (String) ((Map<?, ?>) lines.get(lines.size() - 1)).get("t");
        assertTrue(last.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d: TASK OK"), last);

        Map<?, ?> page = (Map<?, ?>) Json.parse(send(get(tasks("/" + enc(upid) + "/log?start=2&limit=1"))
                .header("Authorization", token)).body());
        assertEquals(List.of(Map.of("n", 2L, "t", ((Map<?, ?>) lines.get(1)).get("t"))), normalized((List<?>) page.get("data")));
        assertEquals(total, ((Number) page.get("total")).longValue());
        assertFalse(page.containsKey("active"));

        HttpResponse<String> download = ItServer.HTTP.send(HttpRequest.newBuilder(
                ItServer.BASE.resolve(tasks("/" + enc(upid) + "/log?download=1")))
                .header("Authorization", token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, download.statusCode(), download.body());
        assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String disposition = download.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.matches("attachment; filename=task-.+-create-datastore-\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\.log"),
                disposition);
        assertTrue(download.body().endsWith(": TASK OK\n"), download.body());

        assertEquals(400, send(get(tasks("/" + enc(upid) + "/log?download=1&start=1")).header("Authorization", token)).status());
    }

    /** JSON numbers parse as Long or another Number: compare as longs. */
    private static List<Map<String, Object>> normalized(List<?> lines) {
        return lines.stream().map(o -> {
            Map<?, ?> m = (Map<?, ?>) o;
            return Map.<String, Object>of("n", ((Number) m.get("n")).longValue(), "t", m.get("t"));
        }).toList();
    }

    @Test
    void aUserWithoutSysAuditSeesNeitherTheTaskNorItsLog() throws Exception {
        ItServer.Reply created = send(postJson("access/users",
                "{\"userid\":\"it-tasks@pbs\",\"password\":\"it-password-2\"}").header("Authorization", token));
        assertTrue(created.status() == 200 || created.body().contains("already exists"), created.body());
        Map<?, ?> login = (Map<?, ?>) send(postForm("access/ticket",
                Map.of("username", "it-tasks@pbs", "password", "it-password-2"))).data();
        String cookie = "PBSAuthCookie=" + enc((String) login.get("ticket"));
        String csrf = (String) login.get("CSRFPreventionToken");

        ItServer.Reply list = send(get(tasks("?limit=0")).header("Cookie", cookie));
        assertEquals(200, list.status(), list.body());
        assertFalse(list.body().contains(upid), list.body());
        assertEquals(403, send(get(tasks("/" + enc(upid) + "/status")).header("Cookie", cookie)).status());
        assertEquals(403, send(get(tasks("/" + enc(upid) + "/log")).header("Cookie", cookie)).status());
        ItServer.Reply stop = send(HttpRequest.newBuilder(ItServer.BASE.resolve(tasks("/" + enc(upid))))
                .header("Cookie", cookie).header("CSRFPreventionToken", csrf).DELETE());
        assertEquals(403, stop.status(), stop.body());
    }

    @Test
    void stoppingAFinishedTaskChangesNothing() throws Exception {
        ItServer.Reply stop = send(HttpRequest.newBuilder(ItServer.BASE.resolve(tasks("/" + enc(upid))))
                .header("Authorization", token).DELETE());
        assertEquals(200, stop.status(), stop.body());
        assertNull(stop.data());
        Map<?, ?> status = (Map<?, ?>) send(get(tasks("/" + enc(upid) + "/status")).header("Authorization", token)).data();
        assertEquals("OK", status.get("exitstatus"));
    }

    @Test
    void aFailedCreationIsAnErrorTask() throws Exception {
        Path dir = ItServer.HOME.resolve("datastores-extra/taskfail").toAbsolutePath();
        Files.createDirectories(dir.resolve(".chunks")); // a chunk store exists already
        ItServer.Reply r = send(postJson("config/datastore", "{\"name\":\"taskfail\",\"path\":\"" + dir + "\"}")
                .header("Authorization", token));
        assertEquals(400, r.status(), r.body());
        ItServer.Reply list = send(get(tasks("?statusfilter=error&typefilter=create-datastore&store=taskfail"))
                .header("Authorization", token));
        List<?> items = (List<?>) list.data();
        assertEquals(1, items.size(), list.body());
        String status = (String) ((Map<?, ?>) items.get(0)).get("status");
        assertTrue(status.contains("chunk store already exists"), status);
        ItServer.Reply ok = send(get(tasks("?statusfilter=ok&store=taskfail")).header("Authorization", token));
        assertEquals(List.of(), ok.data());
    }

    @Test
    void pbsManagerListsAndShowsTasks() throws Exception {
        Map<String, String> env = Map.of("PBSJ_HOME", ItServer.HOME.toAbsolutePath().toString(),
                "PBSJ_PORT", String.valueOf(ItServer.PORT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ManagerMain manager = new ManagerMain(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, manager.run(new String[] {"task", "list", "--all", "--limit", "1000",
                "--output-format", "json"}), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(upid.replace("\\", "\\\\")), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, manager.run(new String[] {"task", "log", upid}), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("TASK OK\n"), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("creating datastore 'tasks1'"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, manager.run(new String[] {"task", "stop", upid}), err.toString(StandardCharsets.UTF_8));
    }
}
