package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.client.http.FakePbsServer;
import org.pbsj.client.http.TestCertificates;
import org.pbsj.core.json.Json;

/** The requests {@code pbs-manager sync-job|pull|push} send (the fake server records them). */
class ManagerSyncCommandsTest {
    static FakePbsServer server;

    @TempDir
    Path home;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        server = new FakePbsServer(TestCertificates.selfSigned("localhost"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void token() throws Exception {
        Path dir = Files.createDirectories(home.resolve("data/pbsj-etc"));
        Files.writeString(dir.resolve("manager.token"), FakePbsServer.TOKEN + "\n");
        server.requests.clear();
    }

    int run(String... args) {
        out.reset();
        err.reset();
        return new ManagerMain(Map.of("PBSJ_HOME", home.toString(), "PBSJ_PORT", String.valueOf(server.port())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private FakePbsServer.Seen last() {
        return server.requests.get(server.requests.size() - 1);
    }

    @Test
    void syncJobCreateSendsTheDirectionAndEveryGroupFilter() {
        run("sync-job", "create", "offsite", "--store", "store1", "--remote", "pbs2", "--remote-store", "backup",
                "--sync-direction", "push", "--group-filter", "type:vm", "--group-filter", "exclude:group:vm/100",
                "--remove-vanished", "true", "--rate-out", "10MiB");
        FakePbsServer.Seen s = last();
        assertEquals("POST /config/sync", s.method() + " " + s.path());
        Map<String, Object> body = Json.parseObject(s.body(), "body");
        assertEquals("offsite", body.get("id"));
        assertEquals("push", body.get("sync-direction"));
        assertEquals(List.of("type:vm", "exclude:group:vm/100"), body.get("group-filter"));
        assertEquals("10MiB", body.get("rate-out"));
    }

    @Test
    void syncJobCreateNeedsStoreAndRemoteStore() {
        assertEquals(2, run("sync-job", "create", "offsite", "--store", "store1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--remote-store"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void updateRunRemoveAndListHitTheirEndpoints() {
        run("sync-job", "update", "offsite", "--comment", "weekly", "--delete", "schedule,group-filter");
        assertEquals("PUT /config/sync/offsite", last().method() + " " + last().path());
        assertEquals(List.of("schedule", "group-filter"), Json.parseObject(last().body(), "b").get("delete"));
        run("sync-job", "run", "offsite");
        assertEquals("POST /admin/sync/offsite/run", last().method() + " " + last().path());
        run("sync-job", "remove", "offsite");
        assertEquals("DELETE /config/sync/offsite", last().method() + " " + last().path());
        run("sync-job", "list");
        assertEquals("GET /admin/sync", last().method() + " " + last().path());
        assertEquals("sync-direction=all", last().query());
    }

    @Test
    void oneOffPushAndPullTakeTheirPositionals() {
        assertNotEquals(0, run("push", "store1", "pbs2", "backup", "--remote-ns", "site-a", "--transfer-last", "2"),
                "the fake server has no /push");
        Map<String, Object> push = Json.parseObject(last().body(), "body");
        assertEquals("POST /push", last().method() + " " + last().path());
        assertEquals("store1", push.get("store"));
        assertEquals("pbs2", push.get("remote"));
        assertEquals("backup", push.get("remote-store"));
        assertEquals("site-a", push.get("remote-ns"));
        run("pull", "pbs2", "backup", "store1");
        Map<String, Object> pull = Json.parseObject(last().body(), "body");
        assertEquals("POST /pull", last().method() + " " + last().path());
        assertEquals("store1", pull.get("store"));
        assertEquals("backup", pull.get("remote-store"));
    }
}
