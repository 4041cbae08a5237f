package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HexFormat;
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
 * Datastore jobs end to end: snapshots uploaded by the real client, then garbage collection,
 * verification and prune started over the API, run as batch jobs and watched as PBS tasks. Each
 * test works on a datastore of its own, so that their results do not depend on each other.
 */
class JobsIT {
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
    private static final long T0 = 1_700_000_000L;
    private static String token;

    @BeforeAll
    static void stores() throws Exception {
        token = ItServer.managerTokenHeader();
        for (String s : List.of("jobsgc", "jobsverify", "jobsprune", "jobsgcbusy")) {
            Path dir = ItServer.HOME.resolve("datastores-extra/" + s).toAbsolutePath();
            ItServer.Reply r = send(postJson("config/datastore", "{\"name\":\"" + s + "\",\"path\":\"" + dir + "\"}")
                    .header("Authorization", token));
            assertEquals(200, r.status(), r.body());
            assertEquals("OK", waitForTask((String) r.data()).get("exitstatus"));
        }
    }

    @Test
    void garbageCollectionMarksEverythingReferencedAndReportsTheCounts() throws Exception {
        backup("jobsgc", "gc1", T0, data(100_000, 1), data(200_000, 2));
        backup("jobsgc", "gc1", T0 + 60, data(100_000, 1), data(50_000, 3));
        backup("jobsgc", "gc2", T0, data(200_000, 2));

        ItServer.Reply started = post("admin/datastore/jobsgc/gc", "{}");
        assertEquals(200, started.status(), started.body());
        String upid = (String) started.data();
        assertTrue(upid.contains(":garbage_collection:jobsgc:"), upid);
        Map<?, ?> task = waitForTask(upid);
        assertEquals("OK", task.get("exitstatus"), log(upid));

        Map<?, ?> gc = (Map<?, ?>) ok(send(get("admin/datastore/jobsgc/gc").header("Authorization", token))).data();
        assertEquals(upid, gc.get("upid"));
        assertEquals("jobsgc", gc.get("store"));
        assertEquals(3L, num(gc, "index-file-count"));
        assertEquals(300_000L + 150_000L + 200_000L, num(gc, "index-data-bytes"));
        assertEquals(3L, num(gc, "disk-chunks"));
        assertEquals(0L, num(gc, "removed-chunks"));
        assertEquals("OK", gc.get("last-run-state"));
        assertTrue(log(upid).contains("marked 100% (3 of 3 index files)"), log(upid));

        List<?> all = (List<?>) ok(send(get("admin/gc?store=jobsgc").header("Authorization", token))).data();
        assertEquals(1, all.size());
    }

    @Test
    void verifyFindsACorruptChunkRenamesItAndMarksTheSnapshotFailed() throws Exception {
        byte[] shared = data(100_000, 11);
        byte[] onlyB = data(80_000, 12);
        BackupDir a = backup("jobsverify", "va", T0, shared);
        BackupDir b = backup("jobsverify", "vb", T0, shared, onlyB);
        Path store = ItServer.HOME.resolve("datastores-extra/jobsverify");
        String hex = HexFormat.of().formatHex(CryptConfig.sha256(onlyB));
        Path chunk = store.resolve(".chunks/" + hex.substring(0, 4) + "/" + hex);
        byte[] raw = Files.readAllBytes(chunk);
        raw[raw.length / 2] ^= 0x10;
        Files.write(chunk, raw);

        ItServer.Reply started = post("admin/datastore/jobsverify/verify", "{}");
        assertEquals(200, started.status(), started.body());
        String upid = (String) started.data();
        Map<?, ?> task = waitForTask(upid);
        assertEquals("verification failed - please check the log for details", task.get("exitstatus"), log(upid));

        assertFalse(Files.exists(chunk));
        assertTrue(Files.exists(chunk.resolveSibling(hex + ".0.bad")));
        assertEquals(Map.of("state", "failed", "upid", upid), verifyState(store, b));
        assertEquals(Map.of("state", "ok", "upid", upid), verifyState(store, a));

        // a snapshot scope run on the good one: already verified, skipped, OK
        ItServer.Reply again = post("admin/datastore/jobsverify/verify",
                "{\"backup-type\":\"host\",\"backup-id\":\"va\",\"backup-time\":" + T0 + "}");
        String upid2 = (String) again.data();
        assertTrue(upid2.contains(":verify_snapshot:"), upid2);
        assertEquals("OK", waitForTask(upid2).get("exitstatus"), log(upid2));
        assertTrue(log(upid2).contains("(recently verified)"), log(upid2));
    }

    @Test
    void pruneKeepLastOneDryRunThenRealAndAsAJob() throws Exception {
        for (int i = 0; i < 3; i++) {
            backup("jobsprune", "pr", T0 + i * 3600L, data(10_000, 20 + i));
        }
        Path group = ItServer.HOME.resolve("datastores-extra/jobsprune/host/pr");
        String params = "{\"backup-type\":\"host\",\"backup-id\":\"pr\",\"keep-last\":1,\"dry-run\":true}";
        List<?> dry = (List<?>) ok(post("admin/datastore/jobsprune/prune", params)).data();
        assertEquals(3, dry.size());
        assertEquals(List.of(false, false, true), dry.stream().map(e -> ((Map<?, ?>) e).get("keep")).toList());
        assertEquals(T0, num((Map<?, ?>) dry.get(0), "backup-time"));
        assertEquals(3, snapshotCount(group));

        List<?> real = (List<?>) ok(post("admin/datastore/jobsprune/prune", params.replace("true", "false"))).data();
        assertEquals(3, real.size());
        assertEquals(1, snapshotCount(group));

        // the same rules as a configured job, run on demand: nothing left to remove
        ok(post("config/prune", "{\"id\":\"prune-it\",\"store\":\"jobsprune\",\"schedule\":\"daily\",\"keep-last\":1}"));
        String upid = (String) ok(post("admin/prune/prune-it/run", "{}")).data();
        assertTrue(upid.contains(":prunejob:prune\\x2dit:"), upid);
        assertEquals("OK", waitForTask(upid).get("exitstatus"), log(upid));
        List<?> jobs = (List<?>) ok(send(get("admin/prune?store=jobsprune").header("Authorization", token))).data();
        Map<?, ?> job = (Map<?, ?>) jobs.get(0);
        assertEquals(upid, job.get("last-run-upid"));
        assertTrue(num(job, "next-run") > T0);
        assertEquals(1, snapshotCount(group));

        String ds = (String) ok(post("admin/datastore/jobsprune/prune-datastore", "{\"keep-last\":1,\"dry-run\":true}")).data();
        assertEquals("OK", waitForTask(ds).get("exitstatus"), log(ds));
        assertTrue(log(ds).contains("host/pr/"), log(ds));
    }

    @Test
    void garbageCollectionDuringABackupLeavesTheBackupAndItsSnapshotIntact() throws Exception {
        byte[] old = data(150_000, 40);
        backup("jobsgcbusy", "busy", T0, old);
        Path store = ItServer.HOME.resolve("datastores-extra/jobsgcbusy");
        // every chunk looks two days old: only marks (or the running backup's base) keep one
        java.nio.file.attribute.FileTime twoDays = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
        try (var files = Files.walk(store.resolve(".chunks"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.getFileAttributeView(f, java.nio.file.attribute.BasicFileAttributeView.class)
                        .setTimes(null, twoDays, null);
            }
        }
        BackupDir next = new BackupDir(new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, "busy"), T0 + 60);
        SessionEndpoint ep = new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL,
                Auth.ApiToken.parse(Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token"))));
        byte[] fresh = data(90_000, 41);
        try (RemoteBackupTarget t = RemoteBackupTarget.open(ep, "jobsgcbusy", next, false)) {
            t.downloadPrevious("root.pxar.didx"); // registers the base snapshot's chunks as known
            int wid = t.createDynamicIndex("root.pxar.didx");
            byte[] d1 = CryptConfig.sha256(old);
            byte[] d2 = CryptConfig.sha256(fresh);
            t.uploadChunk(false, wid, d2, fresh.length, DataBlobCodec.encode(fresh, null, true).raw());

            // GC runs while the backup is open; the base snapshot cannot be forgotten meanwhile
            String upid = (String) ok(post("admin/datastore/jobsgcbusy/gc", "{}")).data();
            assertEquals("OK", waitForTask(upid).get("exitstatus"), log(upid));
            assertTrue(Files.exists(store.resolve(".chunks").resolve(hex(d1).substring(0, 4)).resolve(hex(d1))));
            assertTrue(Files.exists(store.resolve(".chunks").resolve(hex(d2).substring(0, 4)).resolve(hex(d2))));

            t.append(false, wid, List.of(d1, d2), List.of(0L, (long) old.length));
            MessageDigest csum = MessageDigest.getInstance("SHA-256");
            for (Object[] e : new Object[][] {{(long) old.length, d1}, {(long) old.length + fresh.length, d2}}) {
                csum.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong((Long) e[0]).array());
                csum.update((byte[]) e[1]);
            }
            byte[] sum = csum.digest();
            long size = old.length + fresh.length;
            t.closeIndex(false, wid, 2, size, sum);
            BackupManifest m = BackupManifest.create("host", "busy", T0 + 60)
                    .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, size, sum));
            t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
            t.finish();
        }
        String verify = (String) ok(post("admin/datastore/jobsgcbusy/verify",
                "{\"backup-type\":\"host\",\"backup-id\":\"busy\",\"backup-time\":" + (T0 + 60) + "}")).data();
        assertEquals("OK", waitForTask(verify).get("exitstatus"), log(verify));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] data(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 13 + seed * 101 + (i >> 10));
        }
        return b;
    }

    static BackupDir backup(String store, String id, long time, byte[]... chunks) throws Exception {
        BackupDir dir = new BackupDir(new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, id), time);
        SessionEndpoint ep = new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL,
                Auth.ApiToken.parse(Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token"))));
        try (RemoteBackupTarget t = RemoteBackupTarget.open(ep, store, dir, false)) {
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

    private static Map<?, ?> verifyState(Path store, BackupDir d) throws Exception {
        byte[] json = DataBlobCodec.decode(DataBlobCodec.read(store.resolve(d.path()).resolve("index.json.blob")), null,
                null);
        return (Map<?, ?>) ManifestCodec.parse(json).unprotected().get(BackupManifest.VERIFY_STATE);
    }

    private static long snapshotCount(Path group) throws Exception {
        try (var s = Files.list(group)) {
            return s.filter(Files::isDirectory).count();
        }
    }

    private static ItServer.Reply post(String path, String json) throws Exception {
        return send(postJson(path, json).header("Authorization", token));
    }

    private static ItServer.Reply ok(ItServer.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static long num(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Polls the task status until it stopped (at most 2 minutes). */
    static Map<?, ?> waitForTask(String upid) throws Exception {
        return ItServer.waitForTask(token, upid);
    }

    static String log(String upid) throws Exception {
        return ItServer.taskLog(token, upid);
    }
}
