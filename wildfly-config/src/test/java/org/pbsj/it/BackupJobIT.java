package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postForm;
import static org.pbsj.it.ItServer.send;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-side backup jobs end to end: a job configured over the API backs up a directory and an
 * image file of the server into a datastore as a batch job; the real client restores them over
 * the reader protocol; a second run reuses the first's chunks; bad configs and sources fail
 * cleanly; a user without Sys.Modify on / can neither see nor create jobs.
 */
class BackupJobIT {
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static final String STORE = "bj" + RUN;
    private static String token;
    private static Path src;
    private static Path image;

    @BeforeAll
    static void setUp() throws Exception {
        token = ItServer.managerTokenHeader();
        Path dir = ItServer.HOME.resolve("datastores-extra/" + STORE).toAbsolutePath();
        ItServer.Reply r = send(postForm("config/datastore", Map.of("name", STORE, "path", dir.toString()))
                .header("Authorization", token));
        assertEquals(200, r.status(), r.body());
        assertEquals("OK", ItServer.waitForTask(token, (String) r.data()).get("exitstatus"));
        Path base = ItServer.HOME.resolve("backup-job-src-" + RUN).toAbsolutePath();
        src = Files.createDirectories(base.resolve("srv"));
        Files.writeString(src.resolve("hello.txt"), "hello from the server\n");
        Files.createDirectories(src.resolve("sub"));
        byte[] big = new byte[6 << 20];
        new Random(7).nextBytes(big);
        Files.write(src.resolve("sub/big.bin"), big);
        Files.writeString(src.resolve("sub/scratch.tmp"), "not wanted");
        image = base.resolve("disk.raw");
        byte[] disk = new byte[9 << 20];
        new Random(8).nextBytes(disk);
        Files.write(image, disk);
    }

    private static ItServer.Reply call(java.net.http.HttpRequest.Builder b) throws Exception {
        return send(b.header("Authorization", token));
    }

    private static Map<String, String> job(String id, String sources) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("store", STORE);
        m.put("backup-id", id);
        m.put("source", sources);
        return m;
    }

    @Test
    void aJobBacksUpServerPathsThatTheClientRestoresIdentically() throws Exception {
        Map<String, String> job = job("files", "data.pxar:" + src + ",disk.img:" + image);
        job.put("exclude", "*.tmp");
        job.put("change-detection-mode", "metadata");
        job.put("comment", "server files");
        ItServer.Reply created = call(postForm("config/backup-job", job));
        assertEquals(200, created.status(), created.body());

        Map<?, ?> cfg = (Map<?, ?>) call(get("config/backup-job/files")).data();
        assertEquals(List.of("data.pxar:" + src, "disk.img:" + image), cfg.get("source"));
        assertEquals(List.of("*.tmp"), cfg.get("exclude"));
        assertEquals("root@pam!pbs-manager", cfg.get("owner"));
        assertEquals("host", cfg.get("backup-type"));

        String upid = (String) call(postForm("admin/backup-job/files/run", Map.of())).data();
        assertTrue(upid.contains(":backupjob:files:"), upid);
        assertEquals("OK", ItServer.waitForTask(token, upid).get("exitstatus"), ItServer.taskLog(token, upid));
        String log = ItServer.taskLog(token, upid);
        assertTrue(log.contains("Upload directory '" + src + "'"), log);

        List<?> snaps = (List<?>) call(get("admin/datastore/" + STORE + "/snapshots?backup-id=files")).data();
        assertEquals(1, snaps.size());
        Map<?, ?> snap = (Map<?, ?>) snaps.get(0);
        assertEquals("root@pam!pbs-manager", snap.get("owner"));
        String time = org.pbsj.core.datastore.BackupTime.format(((Number) snap.get("backup-time")).longValue());

        Path home = Files.createTempDirectory("bj-client");
        Map<String, String> env = ClientRoundTripIT.env(home, STORE);
        Path restored = home.resolve("restored");
        ClientRoundTripIT.Run r = ClientRoundTripIT.client(env, "restore", "host/files/" + time, "data.pxar",
                restored.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("hello from the server\n", Files.readString(restored.resolve("hello.txt")));
        assertArrayEquals(Files.readAllBytes(src.resolve("sub/big.bin")), Files.readAllBytes(restored.resolve("sub/big.bin")));
        assertFalse(Files.exists(restored.resolve("sub/scratch.tmp")), "excluded");
        Path disk = home.resolve("disk.out");
        r = ClientRoundTripIT.client(env, "restore", "host/files/" + time, "disk.img", disk.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(disk));

        // the next run (a new second) finds the previous snapshot and reuses its chunks
        Thread.sleep(1100);
        Files.writeString(src.resolve("hello.txt"), "changed\n");
        String upid2 = (String) call(postForm("admin/backup-job/files/run", Map.of())).data();
        assertEquals("OK", ItServer.waitForTask(token, upid2).get("exitstatus"), ItServer.taskLog(token, upid2));
        String log2 = ItServer.taskLog(token, upid2);
        assertTrue(log2.contains("disk.img: 3 chunks, 0 uploaded, 3 reused"), log2);
        assertEquals(2, ((List<?>) call(get("admin/datastore/" + STORE + "/snapshots?backup-id=files")).data()).size());

        List<?> status = (List<?>) call(get("admin/backup-job")).data();
        Map<?, ?> files = status.stream().map(o -> (Map<?, ?>) o).filter(m -> "files".equals(m.get("id"))).findFirst()
                .orElseThrow();
        assertEquals(upid2, files.get("last-run-upid"));
        assertEquals("OK", files.get("last-run-state"));
    }

    @Test
    void badConfigurationsAndMissingSourcesFailCleanly() throws Exception {
        Map<String, String> relative = job("bad1", "data.pxar:relative/dir");
        assertEquals(400, call(postForm("config/backup-job", relative)).status());
        Map<String, String> dup = job("bad2", "a.pxar:/x,a.pxar:/y");
        assertEquals(400, call(postForm("config/backup-job", dup)).status());
        Map<String, String> mode = job("bad3", "a.pxar:/x");
        mode.put("change-detection-mode", "sometimes");
        assertEquals(400, call(postForm("config/backup-job", mode)).status());
        Map<String, String> noStore = job("bad4", "a.pxar:/x");
        noStore.put("store", "nosuchstore");
        assertEquals(404, call(postForm("config/backup-job", noStore)).status());

        Path gone = ItServer.HOME.resolve("no-such-dir-" + RUN).toAbsolutePath();
        assertEquals(200, call(postForm("config/backup-job", job("gone", "data.pxar:" + gone))).status());
        String upid = (String) call(postForm("admin/backup-job/gone/run", Map.of())).data();
        String exit = (String) ItServer.waitForTask(token, upid).get("exitstatus");
        assertTrue(exit.contains("is not a directory"), exit);
        assertEquals(List.of(), call(get("admin/datastore/" + STORE + "/snapshots?backup-id=gone")).data());

        assertEquals(200, call(ItServer.get("config/backup-job/gone")).status());
        assertEquals(200, send(java.net.http.HttpRequest.newBuilder(ItServer.BASE.resolve("config/backup-job/gone"))
                .DELETE().header("Authorization", token)).status());
        assertEquals(404, call(get("config/backup-job/gone")).status());
    }

    @Test
    void aUserWithoutSysModifyOnRootSeesAndCreatesNoJobs() throws Exception {
        String user = "bj-user-" + RUN + "@pbs";
        assertEquals(200, call(postForm("access/users", Map.of("userid", user, "password", "bj-password-1"))).status());
        ItServer.Reply acl = send(java.net.http.HttpRequest.newBuilder(ItServer.BASE.resolve("access/acl"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", token)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("path=/datastore/" + STORE
                        + "&role=DatastoreAdmin&auth-id=" + URLEncoder.encode(user, StandardCharsets.UTF_8))));
        assertEquals(200, acl.status(), acl.body());
        Map<?, ?> ticket = (Map<?, ?>) send(postForm("access/ticket", Map.of("username", user,
                "password", "bj-password-1"))).data();
        String cookie = "PBSAuthCookie=" + URLEncoder.encode((String) ticket.get("ticket"), StandardCharsets.UTF_8);
        String csrf = (String) ticket.get("CSRFPreventionToken");
        assertEquals(403, send(get("config/backup-job").header("Cookie", cookie)).status());
        assertEquals(403, send(get("admin/backup-job").header("Cookie", cookie)).status());
        ItServer.Reply create = send(postForm("config/backup-job", job("mine", "etc.pxar:/etc")).header("Cookie", cookie)
                .header("CSRFPreventionToken", csrf));
        assertEquals(403, create.status(), create.body());
    }
}
