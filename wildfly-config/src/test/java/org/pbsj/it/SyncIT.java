package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postJson;
import static org.pbsj.it.ItServer.send;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.client.http.Auth;
import org.pbsj.client.protocol.RemoteBackupTarget;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.json.Json;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.protocol.SessionEndpoint;

/**
 * Sync (pull) end to end: snapshots backed up into store1 over the backup protocol, a remote that
 * points at this same server (pinned by its certificate fingerprint, logged in with the manager's
 * API token), a sync job into a second datastore run as a PBS task, and a second run that
 * transfers no chunk.
 */
class SyncIT {
    private static final TrustManager TRUST_ALL = new X509TrustManager() {
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
    private static final long T0 = 1_700_100_000L;
    private static final String TARGET = "syncdst";
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
        ok(post("config/remote", Json.compact(Map.of("name", "self", "host", "localhost", "port", ItServer.PORT,
                "auth-id", tokenLine.substring(0, colon), "password", tokenLine.substring(colon + 1),
                "fingerprint", fingerprint, "comment", "this server"))));
    }

    @Test
    void syncJobPullsSnapshotsAndASecondRunTransfersNothingNew() throws Exception {
        BackupDir first = backup("sync-it", T0, data(300_000, 1), data(200_000, 2));
        BackupDir second = backup("sync-it", T0 + 3600, data(300_000, 1), data(100_000, 3));

        Map<?, ?> remote = (Map<?, ?>) ok(send(get("config/remote/self").header("Authorization", token))).data();
        assertEquals("localhost", remote.get("host"));
        assertFalse(remote.containsKey("password"), "the password is write-only");
        List<?> stores = (List<?>) ok(send(get("config/remote/self/scan").header("Authorization", token))).data();
        assertTrue(stores.stream().anyMatch(s -> "store1".equals(((Map<?, ?>) s).get("store"))), stores.toString());
        List<?> groups = (List<?>) ok(send(get("config/remote/self/scan/store1/groups").header("Authorization", token))).data();
        assertTrue(groups.stream().anyMatch(g -> "sync-it".equals(((Map<?, ?>) g).get("backup-id"))), groups.toString());

        ok(post("config/sync", "{\"id\":\"it-sync\",\"store\":\"" + TARGET + "\",\"remote\":\"self\","
                + "\"remote-store\":\"store1\",\"group-filter\":[\"group:host/sync-it\"],\"comment\":\"system test\"}"));

        String upid = run("it-sync");
        String log = log(upid);
        assertTrue(log.contains("sync snapshot"), log);
        assertTrue(log.contains("3 chunk(s) downloaded"), log);
        for (BackupDir d : List.of(first, second)) {
            for (String f : List.of("index.json.blob", "root.pxar.didx")) {
                assertArrayEquals(Files.readAllBytes(ItServer.HOME.resolve("datastores/store1").resolve(d.path()).resolve(f)),
                        Files.readAllBytes(targetDir.resolve(d.path()).resolve(f)), d + "/" + f);
            }
        }
        List<?> snaps = (List<?>) ok(send(get("admin/datastore/" + TARGET + "/snapshots?backup-type=host&backup-id=sync-it")
                .header("Authorization", token))).data();
        assertEquals(2, snaps.size(), snaps.toString());
        List<?> localGroups = (List<?>) ok(send(get("admin/datastore/" + TARGET + "/groups").header("Authorization", token))).data();
        assertEquals("root@pam", ((Map<?, ?>) localGroups.get(0)).get("owner"));
        assertEquals(1, localGroups.size(), "the group filter kept the other groups of store1 out");

        String again = run("it-sync");
        String log2 = log(again);
        assertTrue(log2.contains("0 chunk(s) downloaded"), log2);
        assertTrue(log2.contains("no data changes"), log2);

        backup("sync-it", T0 + 7200, data(300_000, 1), data(50_000, 4));
        String third = run("it-sync");
        assertTrue(log(third).contains("1 chunk(s) downloaded"), log(third));

        List<?> jobs = (List<?>) ok(send(get("admin/sync?store=" + TARGET).header("Authorization", token))).data();
        Map<?, ?> job = (Map<?, ?>) jobs.get(0);
        assertEquals("it-sync", job.get("id"));
        assertEquals("OK", job.get("last-run-state"));
        assertEquals(third, job.get("last-run-upid"));

        ItServer.Reply used = send(java.net.http.HttpRequest.newBuilder(ItServer.BASE.resolve("config/remote/self")).DELETE()
                .header("Authorization", token));
        assertEquals(400, used.status(), used.body());
    }

    @Test
    void pullIntoANamespaceWithTransferLast() throws Exception {
        backup("sync-pull", T0, data(10_000, 11));
        backup("sync-pull", T0 + 60, data(10_000, 12));
        backup("sync-pull", T0 + 120, data(10_000, 13));
        String upid = (String) ok(post("pull", "{\"store\":\"" + TARGET + "\",\"ns\":\"copy\",\"remote\":\"self\","
                + "\"remote-store\":\"store1\",\"group-filter\":[\"group:host/sync-pull\"],\"transfer-last\":2}")).data();
        assertTrue(upid.contains(":sync:"), upid);
        Map<?, ?> status = waitForTask(upid);
        assertEquals("OK", status.get("exitstatus"), log(upid));
        Path group = targetDir.resolve("ns/copy/host/sync-pull");
        try (var s = Files.list(group)) {
            assertEquals(2, s.filter(Files::isDirectory).count());
        }
        assertFalse(Files.exists(group.resolve(new BackupDir(new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, "sync-pull"),
                T0).timeString())), "transfer-last 2 leaves the oldest out");
    }

    // ------------------------------------------------------------------ helpers

    /** Polls the task status until it stopped (at most 2 minutes). */
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
        assertNotNull(upid);
        assertTrue(upid.contains(":syncjob:"), upid);
        Map<?, ?> status = waitForTask(upid);
        assertEquals("OK", status.get("exitstatus"), log(upid));
        return upid;
    }

    static byte[] data(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 29 + seed * 97 + (i >> 10));
        }
        return b;
    }

    static BackupDir backup(String id, long time, byte[]... chunks) throws Exception {
        BackupDir dir = new BackupDir(new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, id), time);
        SessionEndpoint ep = new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL,
                Auth.ApiToken.parse(Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token"))));
        try (RemoteBackupTarget t = RemoteBackupTarget.open(ep, "store1", dir, false)) {
            int wid = t.createDynamicIndex("root.pxar.didx");
            MessageDigest csum = MessageDigest.getInstance("SHA-256");
            long offset = 0;
            for (byte[] c : chunks) {
                byte[] digest = CryptConfig.sha256(c);
                t.uploadChunk(false, wid, digest, c.length, DataBlobCodec.encode(c, null, true).raw());
                t.append(false, wid, List.of(digest), List.of(offset));
                offset += c.length;
                csum.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(offset).array());
                csum.update(digest);
            }
            byte[] sum = csum.digest();
            t.closeIndex(false, wid, chunks.length, offset, sum);
            BackupManifest m = BackupManifest.create("host", id, time)
                    .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, offset, sum));
            t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
            t.finish();
        }
        return dir;
    }

    private static ItServer.Reply post(String path, String json) throws Exception {
        return send(postJson(path, json).header("Authorization", token));
    }

    private static ItServer.Reply ok(ItServer.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r;
    }
}
