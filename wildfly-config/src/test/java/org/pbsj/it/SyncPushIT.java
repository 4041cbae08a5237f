package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postJson;
import static org.pbsj.it.ItServer.send;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.json.Json;
import org.pbsj.core.manifest.BackupManifest;

/**
 * Push sync (PBS 3.3 {@code sync-direction push}) end to end: snapshots backed up into store1, a
 * remote that points at this same server, a push job from store1 into a second datastore run as
 * a {@code syncjob} task, a second run that sends nothing, remove-vanished, and a one-off
 * {@code POST /push} into a namespace.
 */
class SyncPushIT {
    private static final long T0 = 1_700_200_000L;
    private static final String TARGET = "pushdst";
    private static final String STORE1 = "datastores/store1";
    private static String token;
    private static Path targetDir;

    @BeforeAll
    static void setUp() throws Exception {
        token = ItServer.managerTokenHeader();
        targetDir = ItServer.HOME.resolve("datastores-extra/" + TARGET).toAbsolutePath();
        ItServer.Reply r = post("config/datastore", "{\"name\":\"" + TARGET + "\",\"path\":\"" + targetDir + "\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("OK", waitForTask((String) r.data()).get("exitstatus"));

        ok(send(get("ping")));
        String fingerprint = ItServer.fingerprint(ItServer.SEEN.get());
        String tokenLine = Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token")).trim();
        int colon = tokenLine.indexOf(':');
        ok(post("config/remote", Json.compact(Map.of("name", "selfpush", "host", "localhost", "port", ItServer.PORT,
                "auth-id", tokenLine.substring(0, colon), "password", tokenLine.substring(colon + 1),
                "fingerprint", fingerprint, "comment", "this server, push target"))));
    }

    @Test
    void pushJobCopiesSnapshotsSendsNothingTheSecondTimeAndRemovesVanished() throws Exception {
        BackupDir first = SyncIT.backup("push-it", T0, SyncIT.data(300_000, 21), SyncIT.data(200_000, 22));
        BackupDir second = SyncIT.backup("push-it", T0 + 3600, SyncIT.data(300_000, 21), SyncIT.data(100_000, 23));
        SyncIT.backup("push-it-other", T0, SyncIT.data(10_000, 24));

        ok(post("config/sync", "{\"id\":\"it-push\",\"store\":\"store1\",\"remote\":\"selfpush\","
                + "\"remote-store\":\"" + TARGET + "\",\"sync-direction\":\"push\","
                + "\"group-filter\":[\"group:host/push-it\"],\"comment\":\"system test\"}"));
        Map<?, ?> job = (Map<?, ?>) ok(send(get("config/sync/it-push").header("Authorization", token))).data();
        assertEquals("push", job.get("sync-direction"));
        assertTrue(ids("config/sync").stream().noneMatch("it-push"::equals), "the default listing shows pull jobs only");
        assertTrue(ids("config/sync?sync-direction=push").contains("it-push"));
        assertTrue(ids("config/sync?sync-direction=all").contains("it-push"));
        String listed = manager("sync-job", "list", "--sync-direction", "push", "--output-format", "json");
        assertTrue(listed.contains("\"id\":\"it-push\"") && listed.contains("\"sync-direction\":\"push\""), listed);

        String upid = run("it-push");
        String log = log(upid);
        assertTrue(log.contains("push snapshot"), log);
        assertTrue(log.contains("push done: 2 snapshot(s)"), log);
        assertTrue(log.contains("3 chunk(s) uploaded"), "the second snapshot sends only its new chunk: " + log);
        for (BackupDir d : List.of(first, second)) {
            assertSamePushedSnapshot(d);
        }
        List<?> groups = (List<?>) ok(send(get("admin/datastore/" + TARGET + "/groups").header("Authorization", token))).data();
        assertEquals(1, groups.size(), "the group filter kept push-it-other back: " + groups);
        assertEquals("push-it", ((Map<?, ?>) groups.get(0)).get("backup-id"));

        String again = run("it-push");
        String log2 = log(again);
        assertTrue(log2.contains("push done: 0 snapshot(s)"), log2);
        assertTrue(log2.contains("0 chunk(s) uploaded"), log2);
        assertTrue(log2.contains("skipped 2 snapshot(s) already on the target"), log2);

        ok(send(HttpRequest.newBuilder(ItServer.BASE.resolve("admin/datastore/store1/snapshots?backup-type=host"
                + "&backup-id=push-it&backup-time=" + T0)).DELETE().header("Authorization", token)));
        ok(send(HttpRequest.newBuilder(ItServer.BASE.resolve("config/sync/it-push"))
                .header("Content-Type", "application/json").header("Authorization", token)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"remove-vanished\":true}"))));
        String third = run("it-push");
        String log3 = log(third);
        assertTrue(log3.contains("delete vanished snapshot host/push-it/"), log3);
        List<?> snaps = (List<?>) ok(send(get("admin/datastore/" + TARGET + "/snapshots?backup-type=host&backup-id=push-it")
                .header("Authorization", token))).data();
        assertEquals(1, snaps.size(), snaps.toString());
        assertEquals(T0 + 3600, ((Number) ((Map<?, ?>) snaps.get(0)).get("backup-time")).longValue());
        assertFalse(Files.exists(targetDir.resolve(first.path())));
    }

    @Test
    void oneOffPushIntoANamespace() throws Exception {
        SyncIT.backup("push-ns", T0, SyncIT.data(20_000, 31));
        String upid = (String) ok(post("push", "{\"store\":\"store1\",\"remote\":\"selfpush\",\"remote-store\":\""
                + TARGET + "\",\"remote-ns\":\"copy\",\"group-filter\":[\"group:host/push-ns\"],\"rate-out\":\"100MiB\"}"))
                .data();
        assertTrue(upid.contains(":sync:"), upid);
        Map<?, ?> status = waitForTask(upid);
        assertEquals("OK", status.get("exitstatus"), log(upid));
        assertTrue(log(upid).contains("created new namespace on target: copy"), log(upid));
        assertTrue(Files.isDirectory(targetDir.resolve("ns/copy/host/push-ns")));

        ItServer.Reply missingRemote = post("push", "{\"store\":\"store1\",\"remote-store\":\"" + TARGET + "\"}");
        assertEquals(400, missingRemote.status(), missingRemote.body());
    }

    // ------------------------------------------------------------------ helpers

    /** Manifest equal but for the target's own upload statistics; indexes equal but for their uuid and ctime. */
    private static void assertSamePushedSnapshot(BackupDir d) throws Exception {
        Path src = ItServer.HOME.resolve(STORE1).resolve(d.path());
        Path dst = targetDir.resolve(d.path());
        assertEquals(withoutUploadStats(Files.readAllBytes(src.resolve("index.json.blob"))),
                withoutUploadStats(Files.readAllBytes(dst.resolve("index.json.blob"))), d + " manifest");
        byte[] a = Files.readAllBytes(src.resolve("root.pxar.didx"));
        byte[] b = Files.readAllBytes(dst.resolve("root.pxar.didx"));
        Arrays.fill(a, 8, 32, (byte) 0);
        Arrays.fill(b, 8, 32, (byte) 0);
        assertArrayEquals(a, b, d + " index");
    }

    private static Object withoutUploadStats(byte[] blob) {
        Map<?, ?> json = (Map<?, ?>) Json.parse(new String(DataBlobCodec.decode(DataBlobCodec.load(blob, "manifest"), null, null),
                StandardCharsets.UTF_8));
        Map<Object, Object> copy = new LinkedHashMap<>(json);
        Map<Object, Object> unprotected = new LinkedHashMap<>((Map<?, ?>) copy.getOrDefault("unprotected", Map.of()));
        unprotected.remove(BackupManifest.CHUNK_UPLOAD_STATS);
        copy.put("unprotected", unprotected);
        return copy;
    }

    private static List<Object> ids(String path) throws Exception {
        return ((List<?>) ok(send(get(path).header("Authorization", token))).data()).stream()
                .map(j -> (Object) ((Map<?, ?>) j).get("id")).toList();
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String run(String id) throws Exception {
        String upid = (String) ok(post("admin/sync/" + id + "/run", "{}")).data();
        assertTrue(upid.contains(":syncjob:"), upid);
        Map<?, ?> status = waitForTask(upid);
        assertEquals("OK", status.get("exitstatus"), log(upid));
        return upid;
    }

    /** {@code pbs-manager} against this server (its token file). */
    private static String manager(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = new org.pbsj.client.cli.ManagerMain(Map.of("PBSJ_HOME", ItServer.HOME.toString(),
                "PBSJ_PORT", String.valueOf(ItServer.PORT)), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        assertEquals(0, exit, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ItServer.Reply post(String path, String json) throws Exception {
        return send(postJson(path, json).header("Authorization", token));
    }

    private static ItServer.Reply ok(ItServer.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r;
    }
}
