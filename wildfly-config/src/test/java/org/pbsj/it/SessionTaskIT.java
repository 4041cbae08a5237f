package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.it.ItServer.get;
import static org.pbsj.it.ItServer.postJson;
import static org.pbsj.it.ItServer.send;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pbsj.client.http.Auth;
import org.pbsj.client.protocol.RemoteBackupTarget;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.task.Upid;
import org.pbsj.protocol.ReaderClient;
import org.pbsj.protocol.SessionEndpoint;

/**
 * Backup and reader sessions run as PBS tasks: {@code backup} with id {@code store:type/id},
 * {@code reader} with {@code store:type/id/HEX8}; OK once finished, an error when the client
 * went away before finishing; an abort request shows in the running task's log.
 */
class SessionTaskIT {
    private static final String STORE = "tasksess"; // sorts after store1, which ServerFoundationIT expects first
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
    private static String token;

    @BeforeAll
    static void datastore() throws Exception {
        token = ItServer.managerTokenHeader();
        String dir = ItServer.HOME.resolve("datastores-extra/" + STORE).toAbsolutePath().toString();
        ItServer.Reply r = send(postJson("config/datastore", "{\"name\":\"" + STORE + "\",\"path\":\"" + dir + "\"}")
                .header("Authorization", token));
        assertEquals(200, r.status(), r.body());
    }

    private static SessionEndpoint manager() throws Exception {
        return new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL,
                Auth.ApiToken.parse(Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token"))));
    }

    private static BackupDir snapshot(String id, long time) {
        return new BackupDir(new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, id), time);
    }

    private static List<Map<?, ?>> tasks(String query) throws Exception {
        ItServer.Reply r = send(get("nodes/localhost/tasks?store=" + STORE + "&" + query).header("Authorization", token));
        assertEquals(200, r.status(), r.body());
        return ((List<?>) r.data()).stream().<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
    }

    private static Map<?, ?> only(String query) throws Exception {
        List<Map<?, ?>> list = tasks(query + "&store=" + STORE);
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static String log(String upid) throws Exception {
        ItServer.Reply r = send(get("nodes/localhost/tasks/" + URLEncoder.encode(upid, StandardCharsets.UTF_8)
                + "/log?limit=0").header("Authorization", token));
        assertEquals(200, r.status(), r.body());
        return ((List<?>) r.data()).stream().map(l -> (String) ((Map<?, ?>) l).get("t")).collect(Collectors.joining("\n"));
    }

    /** The session ends on the server when it notices the closed connection. */
    private static Map<?, ?> stopped(String query) throws Exception {
        for (int i = 0; i < 100 && !tasks("running=1&store=" + STORE + "&" + query).isEmpty(); i++) {
            Thread.sleep(100);
        }
        return only(query);
    }

    /** The stopped task of one worker id (other tests of this class run tasks on the same store). */
    private static Map<?, ?> stoppedWorker(String query, String workerId) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<Map<?, ?>> done = tasks(query + "&store=" + STORE).stream()
                    .filter(t -> workerId.equals(t.get("worker_id")) && t.get("status") != null).toList();
            if (!done.isEmpty()) {
                assertEquals(1, done.size(), done.toString());
                return done.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task of " + workerId + " did not stop");
    }

    @Test
    void finishedBackupAndItsReaderAreOkTasks() throws Exception {
        BackupDir dir = snapshot("tasks-ok", 1_700_000_000L);
        try (RemoteBackupTarget t = RemoteBackupTarget.open(manager(), STORE, dir, false)) {
            Map<?, ?> running = tasks("running=1&typefilter=backup&store=" + STORE).stream()
                    .filter(x -> (STORE + ":host/tasks-ok").equals(x.get("worker_id"))).findFirst().orElseThrow();
            assertEquals(STORE + ":host/tasks-ok", running.get("worker_id"));
            assertEquals(null, running.get("status"));
            String upid = (String) running.get("upid");
            assertTrue(upid.contains(":backup:" + STORE + "\\x3ahost-tasks\\x2dok:"), upid);

            BackupManifest m = BackupManifest.create("host", "tasks-ok", dir.time());
            t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
            t.finish();
        }
        Map<?, ?> done = stoppedWorker("typefilter=backup&statusfilter=ok", STORE + ":host/tasks-ok");
        String log = log((String) done.get("upid"));
        assertTrue(log.contains("starting new backup on datastore '" + STORE + "'"), log);
        assertTrue(log.contains("backup finished successfully"), log);
        assertTrue(log.endsWith("TASK OK"), log);

        try (ReaderClient r = ReaderClient.open(manager(), STORE, dir)) {
            r.download("index.json.blob");
        }
        Map<?, ?> reader = stopped("typefilter=reader");
        assertEquals(STORE + ":host/tasks-ok/6553F100", reader.get("worker_id"));
        assertEquals("OK", reader.get("status"));
        assertEquals("reader", Upid.parse((String) reader.get("upid")).workerType());
    }

    @Test
    void abortingTheTaskEndsTheSessionAndRemovesTheSnapshot() throws Exception {
        BackupDir dir = snapshot("tasks-abort", 1_700_000_000L);
        try (RemoteBackupTarget t = RemoteBackupTarget.open(manager(), STORE, dir, false)) {
            String upid = (String) tasks("running=1&typefilter=backup&store=" + STORE).stream()
                    .filter(x -> (STORE + ":host/tasks-abort").equals(x.get("worker_id"))).findFirst().orElseThrow().get("upid");
            ItServer.Reply stop = send(HttpRequest.newBuilder(ItServer.BASE.resolve("nodes/localhost/tasks/"
                    + URLEncoder.encode(upid, StandardCharsets.UTF_8))).header("Authorization", token).DELETE());
            assertEquals(200, stop.status(), stop.body());
            assertTrue(log(upid).contains("received abort request ..."));
            BackupManifest m = BackupManifest.create("host", "tasks-abort", dir.time());
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> {
                t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
                t.finish();
            }, "the aborted session's connection is closed");
        }
        stoppedWorker("typefilter=backup&statusfilter=error", STORE + ":host/tasks-abort");
    }

    @Test
    void backupWithoutFinishIsAnErrorTask() throws Exception {
        BackupDir dir = snapshot("tasks-err", 1_700_000_000L);
        RemoteBackupTarget t = RemoteBackupTarget.open(manager(), STORE, dir, false);
        t.close();
        Map<?, ?> failed = stoppedWorker("typefilter=backup&statusfilter=error", STORE + ":host/tasks-err");
        assertEquals("backup ended but finished flag is not set.", failed.get("status"));
        assertTrue(log((String) failed.get("upid")).endsWith("TASK ERROR: backup ended but finished flag is not set."));
    }
}
