package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postForm;
import static org.pbsj.it.ItServer.send;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.ManifestCodec;

/**
 * The server is killed (SIGKILL) in the middle of a garbage collection and of a verification,
 * started again, and the jobs are restarted over the API: each continues from its last
 * checkpoint and the datastore ends as an uninterrupted run leaves it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobRestartIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static final long T0 = 1_700_000_000L;

    private static String token() throws IOException {
        return ItServer.managerTokenHeader(); // renewed at each server start
    }

    private static Path createStore(String name) throws Exception {
        Path dir = ItServer.HOME.resolve("datastores-extra/" + name).toAbsolutePath();
        ItServer.Reply r = send(postForm("config/datastore", Map.of("name", name, "path", dir.toString()))
                .header("Authorization", token()));
        assertEquals(200, r.status(), r.body());
        assertEquals("OK", ItServer.waitForTask(token(), (String) r.data()).get("exitstatus"));
        return dir;
    }

    /** Same snapshots and the same old garbage in both stores. */
    private static void fillForGc(String store, Path dir) throws Exception {
        for (int s = 0; s < 20; s++) {
            byte[][] chunks = new byte[100][];
            for (int c = 0; c < chunks.length; c++) {
                chunks[c] = block(4096, s * 1000 + c);
            }
            JobsIT.backup(store, "gc", T0 + s * 60L, chunks);
        }
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (int g = 0; g < 60_000; g++) {
            byte[] plain = block(512, 10_000_000 + g);
            String hex = HexFormat.of().formatHex(CryptConfig.sha256(plain));
            Path f = dir.resolve(".chunks").resolve(hex.substring(0, 4)).resolve(hex);
            Files.write(f, DataBlobCodec.encode(plain, null, false).raw());
            Files.getFileAttributeView(f, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(null, old, null);
        }
    }

    private static byte[] block(int len, int seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Set<String> chunkFiles(Path store) throws IOException {
        try (Stream<Path> s = Files.walk(store.resolve(".chunks"))) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static String startGc(String store) throws Exception {
        ItServer.Reply r = send(postForm("admin/datastore/" + store + "/gc", Map.of()).header("Authorization", token()));
        assertEquals(200, r.status(), r.body());
        return (String) r.data();
    }

    /** Kills the server once the task's log shows {@code progress} and the task still runs. */
    private static void killWhen(String upid, java.util.function.Predicate<String> progress) throws Exception {
        for (int i = 0; i < 6000; i++) {
            String log = ItServer.taskLog(token(), upid);
            if (progress.test(log)) {
                long pid = Long.parseLong(Files.readString(ItServer.HOME.resolve("server.pid")).trim());
                ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
                server.destroyForcibly();
                server.onExit().get(60, TimeUnit.SECONDS);
                return;
            }
            Map<?, ?> status = (Map<?, ?>) send(get("nodes/localhost/tasks/" + enc(upid) + "/status")
                    .header("Authorization", token())).data();
            if ("stopped".equals(status.get("status"))) {
                throw new AssertionError("the job ended before the server could be killed:\n" + log);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no progress seen in task " + upid);
    }

    private static void startServer() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/pbs-server").toString(), "start");
        pb.environment().put("PBSJ_HOME", ItServer.HOME.toAbsolutePath().toString());
        pb.environment().put("PBSJ_PORT", Integer.toString(ItServer.PORT));
        pb.environment().put("PBSJ_PORT_OFFSET", System.getProperty("pbsj.it.port-offset", "100"));
        pb.environment().put("PBSJ_BIND", "127.0.0.1");
        pb.redirectErrorStream(true).redirectOutput(ItServer.HOME.resolve("restart.out").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "pbs-server start timed out");
        assertEquals(0, p.exitValue(), Files.readString(ItServer.HOME.resolve("restart.out")));
        assertEquals(200, send(get("ping")).status());
    }

    private static String restart(String upid) throws Exception {
        ItServer.Reply r = send(postForm("nodes/localhost/tasks/" + enc(upid) + "/restart", Map.of())
                .header("Authorization", token()));
        assertEquals(200, r.status(), r.body());
        return (String) r.data();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void garbageCollectionKilledWithTheServerResumesAndEndsLikeAnUninterruptedRun() throws Exception {
        String a = "gcwhole" + RUN;
        String b = "gckill" + RUN;
        Path dirA = createStore(a);
        Path dirB = createStore(b);
        fillForGc(a, dirA);
        fillForGc(b, dirB);

        String whole = startGc(a);
        assertEquals("OK", ItServer.waitForTask(token(), whole).get("exitstatus"), ItServer.taskLog(token(), whole));

        String killed = startGc(b);
        killWhen(killed, log -> log.matches("(?s).*processed ([2-6][0-9])% .*"));
        startServer();
        Map<?, ?> dead = ItServer.waitForTask(token(), killed);
        assertTrue(!"OK".equals(dead.get("exitstatus")), dead.toString());

        String resumed = restart(killed);
        assertEquals("OK", ItServer.waitForTask(token(), resumed).get("exitstatus"), ItServer.taskLog(token(), resumed));
        String log = ItServer.taskLog(token(), resumed);
        assertTrue(log.contains("Resume GC phase2 (sweep unused chunks) at prefix directory"), log);
        assertTrue(!log.contains("Start GC phase1"), log);

        assertEquals(chunkFiles(dirA), chunkFiles(dirB));
        assertEquals(2000, chunkFiles(dirB).size());
        Map<?, ?> sa = (Map<?, ?>) send(get("admin/datastore/" + a + "/gc").header("Authorization", token())).data();
        Map<?, ?> sb = (Map<?, ?>) send(get("admin/datastore/" + b + "/gc").header("Authorization", token())).data();
        for (String k : List.of("index-file-count", "index-data-bytes", "disk-chunks", "disk-bytes", "pending-chunks")) {
            assertEquals(sa.get(k), sb.get(k), k + ": " + sa + " vs " + sb);
        }
        assertEquals(60_000, ((Number) sa.get("removed-chunks")).longValue());
        // chunks removed after the last checkpoint before the kill are gone without being counted
        long removedB = ((Number) sb.get("removed-chunks")).longValue();
        assertTrue(removedB > 50_000 && removedB <= 60_000, sb.toString());
        assertEquals(resumed, sb.get("upid"));
    }

    @Test
    @Order(2)
    void verificationKilledWithTheServerContinuesAfterTheLastSnapshotDone() throws Exception {
        String store = "vkill" + RUN;
        Path dir = createStore(store);
        List<BackupDir> snapshots = new ArrayList<>();
        for (int s = 0; s < 16; s++) {
            byte[][] chunks = new byte[4][];
            for (int c = 0; c < chunks.length; c++) {
                chunks[c] = block(4 << 20, 500 + s * 10 + c);
            }
            snapshots.add(JobsIT.backup(store, "v" + s, T0, chunks));
        }
        // a corrupt chunk in snapshot v10: that one must fail, the others pass
        String hex = HexFormat.of().formatHex(CryptConfig.sha256(block(4 << 20, 500 + 10 * 10 + 2)));
        Path bad = dir.resolve(".chunks").resolve(hex.substring(0, 4)).resolve(hex);
        byte[] raw = Files.readAllBytes(bad);
        raw[raw.length / 2] ^= 0x55;
        Files.write(bad, raw);

        ItServer.Reply r = send(postForm("admin/datastore/" + store + "/verify", Map.of()).header("Authorization", token()));
        assertEquals(200, r.status(), r.body());
        String killed = (String) r.data();
        killWhen(killed, log -> log.lines().filter(l -> l.contains("verify " + store + ":host/")).count() >= 4);
        startServer();
        ItServer.waitForTask(token(), killed);

        String resumed = restart(killed);
        Map<?, ?> end = ItServer.waitForTask(token(), resumed);
        assertTrue(!"OK".equals(end.get("exitstatus")), "one snapshot is corrupt: " + end);
        String log = ItServer.taskLog(token(), resumed);
        assertTrue(log.contains("continuing after"), log);
        for (BackupDir d : snapshots) {
            byte[] json = DataBlobCodec.decode(DataBlobCodec.read(dir.resolve(d.path()).resolve("index.json.blob")),
                    null, null);
            Map<?, ?> state = (Map<?, ?>) ManifestCodec.parse(json).unprotected().get(BackupManifest.VERIFY_STATE);
            assertTrue(state != null, "not verified: " + d + "\n" + log);
            assertEquals(d.group().id().equals("v10") ? "failed" : "ok", state.get("state"), d.toString());
        }
        assertTrue(Files.exists(bad.resolveSibling(hex + ".0.bad")), "corrupt chunk renamed once");
        assertTrue(!Files.exists(bad.resolveSibling(hex + ".1.bad")), "and only once");
    }
}
