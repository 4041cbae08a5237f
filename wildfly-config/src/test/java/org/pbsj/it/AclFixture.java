package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.pbsj.client.http.Auth;
import org.pbsj.client.protocol.RemoteBackupTarget;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.catalog.CatalogWriter;
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
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarEncoder;
import org.pbsj.protocol.ProtocolException;
import org.pbsj.protocol.ReaderClient;
import org.pbsj.protocol.SessionEndpoint;

/**
 * The shared fixture of {@link AclMatrixIT}: a datastore of its own, one user per datastore role
 * of {@code access-control.md} §4 (plus one without any ACL), each with a token and a backup group
 * of its own, a group owned by somebody else, a prune and a verify job; HTTP and protocol calls as
 * the manager token or as a user's ticket.
 */
final class AclFixture {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String STORE = "aclm" + RUN;
    static final String BASE = "admin/datastore/" + STORE + "/";
    static final String PASSWORD = "aclm-password-1";
    /** Owner of the "foreign" group; has no ACL at all. */
    static final String OTHER = "aclm-other-" + RUN + "@pbs";
    static final String FOREIGN_ID = "foreign";
    /** An empty namespace the configured jobs work on, so running them touches nothing. */
    static final String JOB_NS = "jobs";
    static final String PRUNE_JOB = "aclm-prune-" + RUN;
    static final String VERIFY_JOB = "aclm-verify-" + RUN;
    /** A local sync job from the empty {@link #JOB_NS} into {@link #SYNC_NS} of the same store. */
    static final String SYNC_JOB = "aclm-sync-" + RUN;
    static final String SYNC_NS = "synced";
    static final long T0 = 1_700_000_000L;
    static final String TOKEN = "tk";
    static final String COMMENT = "acl matrix store";

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
    private static final AtomicInteger FRESH = new AtomicInteger();

    /** The callers: one per role of {@code access-control.md} §4 that matters for datastores, and one without ACL. */
    enum Who {
        ADM("Admin"), AUD("Audit"), NOA("NoAccess"), DSA("DatastoreAdmin"), DSR("DatastoreReader"),
        DSB("DatastoreBackup"), DSP("DatastorePowerUser"), DSU("DatastoreAudit"), NON(null);

        final String role;

        Who(String role) {
            this.role = role;
        }

        String userid() {
            return "aclm-" + name().toLowerCase() + "-" + RUN + "@pbs";
        }

        String ownGroup() {
            return "own-" + name().toLowerCase();
        }
    }

    record Reply(int status, String body) {
        Object data() {
            return ((Map<?, ?>) Json.parse(body)).get("data");
        }
    }

    /** A user's ticket: the cookie on every request, the CSRF token on all but GET ({@code who} null: no matrix role). */
    record Login(Who who, Auth.Ticket ticket) {
    }

    private static final Map<Who, Login> LOGINS = new EnumMap<>(Who.class);

    private AclFixture() {
    }

    // ------------------------------------------------------------------ set-up

    static void setUp() throws Exception {
        String path = ItServer.HOME.resolve("datastores-extra/" + STORE).toAbsolutePath().toString();
        Reply created = ok(asManager("POST", "config/datastore", form("name", STORE, "path", path, "comment", COMMENT)));
        assertEquals("OK", waitForTask((String) created.data()).get("exitstatus"));
        ok(asManager("POST", BASE + "namespace", form("name", JOB_NS)));
        ok(asManager("POST", BASE + "namespace", form("name", SYNC_NS)));

        createUser(OTHER);
        for (Who w : Who.values()) {
            createUser(w.userid());
            if (w.role != null) {
                ok(asManager("PUT", "access/acl", form("path", "/datastore/" + STORE, "role", w.role, "auth-id", w.userid())));
            }
        }
        ok(asManager("PUT", "access/acl", form("path", "/", "role", "Admin", "auth-id", Who.ADM.userid())));

        for (Who w : Who.values()) {
            snapshotWithCatalog(w.ownGroup(), w.userid());
        }
        snapshotWithCatalog(FOREIGN_ID, OTHER);

        ok(asManager("POST", "config/prune", form("id", PRUNE_JOB, "store", STORE, "ns", JOB_NS, "schedule", "daily",
                "keep-last", "1")));
        ok(asManager("POST", "config/verify", form("id", VERIFY_JOB, "store", STORE, "ns", JOB_NS)));
        ok(asManager("POST", "config/sync", form("id", SYNC_JOB, "store", STORE, "ns", SYNC_NS, "remote-store", STORE,
                "remote-ns", JOB_NS)));

        for (Who w : Who.values()) {
            LOGINS.put(w, new Login(w, ticket(w.userid())));
        }
    }

    /** Logs in with {@link #PASSWORD}. */
    static Auth.Ticket ticket(String userid) throws Exception {
        ItServer.Reply x = ItServer.send(ItServer.postForm("access/ticket", Map.of("username", userid, "password", PASSWORD)));
        Map<?, ?> t = (Map<?, ?>) ok(new Reply(x.status(), x.body())).data();
        return new Auth.Ticket(userid, (String) t.get("ticket"), (String) t.get("CSRFPreventionToken"));
    }

    static Login login(Who w) {
        return LOGINS.get(w);
    }

    /** A user with password and an active API token {@code <user>!tk}. */
    static void createUser(String userid) throws Exception {
        ok(asManager("POST", "access/users", form("userid", userid, "password", PASSWORD)));
        ok(asManager("POST", "access/users/" + userid + "/token/" + TOKEN, form("comment", "acl matrix")));
    }

    /** A group {@code id} with one snapshot at {@link #T0} (pxar archive with a catalog), given to {@code owner}. */
    static BackupDir snapshotWithCatalog(String id, String owner) throws Exception {
        byte[] hello = ("hello from " + id + "\n").getBytes(StandardCharsets.UTF_8);
        Metadata dirMeta = Metadata.of(040755, 0, 0, T0, 0);
        Metadata fileMeta = Metadata.of(0100644, 0, 0, T0, 0);
        ByteArrayOutputStream pxar = new ByteArrayOutputStream();
        try (PxarEncoder enc = PxarEncoder.create(pxar, dirMeta)) {
            enc.addFile("hello.txt".getBytes(StandardCharsets.UTF_8), fileMeta, hello);
            enc.finish();
        }
        ByteArrayOutputStream catalog = new ByteArrayOutputStream();
        try (CatalogWriter cw = new CatalogWriter(catalog)) {
            cw.startDirectory("root.pxar.didx");
            cw.addFile("hello.txt", hello.length, T0);
            cw.endDirectory();
            cw.finish();
        }
        BackupDir dir = dir(id, T0);
        upload(dir, Map.of("root.pxar.didx", pxar.toByteArray(), "catalog.pcat1.didx", catalog.toByteArray()));
        setOwner(id, owner);
        return dir;
    }

    /** A new group with one small snapshot, for the calls that consume what they act on (delete, client log). */
    static BackupDir freshSnapshot(String prefix, String owner) throws Exception {
        String id = prefix + "-" + FRESH.incrementAndGet();
        BackupDir dir = dir(id, T0);
        upload(dir, Map.of("data.pxar.didx", ("fresh " + id).getBytes(StandardCharsets.UTF_8)));
        setOwner(id, owner);
        return dir;
    }

    static void setOwner(String id, String owner) throws Exception {
        ok(asManager("POST", BASE + "change-owner", form("backup-type", "host", "backup-id", id, "new-owner", owner)));
    }

    static BackupDir dir(String id, long time) {
        return new BackupDir(new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, id), time);
    }

    /** As the manager token: the dynamic archives (64 KiB chunks) and a manifest, finished. */
    private static void upload(BackupDir dir, Map<String, byte[]> archives) throws Exception {
        try (RemoteBackupTarget t = RemoteBackupTarget.open(managerEndpoint(), STORE, dir, false)) {
            BackupManifest m = BackupManifest.create("host", dir.group().id(), dir.time());
            for (Map.Entry<String, byte[]> a : new TreeMap<>(archives).entrySet()) {
                int wid = t.createDynamicIndex(a.getKey());
                MessageDigest csum = MessageDigest.getInstance("SHA-256");
                byte[] all = a.getValue();
                int count = 0;
                for (int off = 0; off < all.length; off += 65536) {
                    byte[] c = Arrays.copyOfRange(all, off, Math.min(all.length, off + 65536));
                    byte[] digest = CryptConfig.sha256(c);
                    t.uploadChunk(false, wid, digest, c.length, DataBlobCodec.encode(c, null, true).raw());
                    t.append(false, wid, List.of(digest), List.of((long) off));
                    csum.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(off + c.length).array());
                    csum.update(digest);
                    count++;
                }
                byte[] sum = csum.digest();
                t.closeIndex(false, wid, count, all.length, sum);
                m = m.withFile(new FileInfo(a.getKey(), CryptMode.NONE, all.length, sum));
            }
            t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
            t.finish();
        }
    }

    // ------------------------------------------------------------------ protocol upgrades

    private static SessionEndpoint managerEndpoint() throws Exception {
        return new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL,
                Auth.ApiToken.parse(Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token"))));
    }

    /** The backup upgrade as {@code l}: "101" if the session opened (then dropped unfinished), else the status. */
    static String backupUpgrade(Login l, BackupDir dir) {
        SessionEndpoint ep = new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL, l.ticket());
        try (RemoteBackupTarget t = RemoteBackupTarget.open(ep, STORE, dir, false)) {
            return "101";
        } catch (ProtocolException e) {
            return Integer.toString(e.status());
        }
    }

    /** The reader upgrade as {@code l}: "101" if the session opened, else the status. */
    static String readerUpgrade(Login l, BackupDir dir) {
        SessionEndpoint ep = new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL, l.ticket());
        try (ReaderClient r = ReaderClient.open(ep, STORE, dir)) {
            r.download("index.json.blob");
            return "101";
        } catch (ProtocolException e) {
            return Integer.toString(e.status());
        }
    }

    // ------------------------------------------------------------------ HTTP

    static Reply asManager(String method, String path, String formBody) throws Exception {
        return send(request(method, path, Map.of(), formBody, null).header("Authorization", ItServer.managerTokenHeader()));
    }

    static Reply asManager(String method, String path, Map<String, String> query) throws Exception {
        return send(request(method, path, query, null, null).header("Authorization", ItServer.managerTokenHeader()));
    }

    /** As the user: parameters in the query for GET/DELETE, as a form body otherwise. */
    static Reply as(Login l, String method, String path, Map<String, String> params) throws Exception {
        boolean query = method.equals("GET") || method.equals("DELETE");
        return as(l, method, path, query ? params : Map.of(), query ? null : form(params), null);
    }

    /** As the user, with a raw body (upload handlers take their parameters from the query). */
    static Reply as(Login l, String method, String path, Map<String, String> query, String formBody, byte[] raw)
            throws Exception {
        HttpRequest.Builder b = request(method, path, query, formBody, raw).header("Cookie", l.ticket().cookie());
        if (!method.equals("GET")) {
            b.header("CSRFPreventionToken", l.ticket().csrfToken());
        }
        return send(b);
    }

    private static Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<byte[]> r = ItServer.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(String method, String path, Map<String, String> query, String formBody,
            byte[] raw) {
        String qs = query.isEmpty() ? "" : "?" + form(query);
        HttpRequest.Builder b = HttpRequest.newBuilder(ItServer.BASE.resolve(path + qs)).timeout(Duration.ofSeconds(60));
        if (raw != null) {
            return b.header("Content-Type", "application/octet-stream").method(method, HttpRequest.BodyPublishers.ofByteArray(raw));
        }
        if (formBody != null) {
            return b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(formBody));
        }
        return b.method(method, HttpRequest.BodyPublishers.noBody());
    }

    /** Polls a task as the manager until it stopped (at most 2 minutes). */
    static Map<?, ?> waitForTask(String upid) throws Exception {
        for (int i = 0; i < 1200; i++) {
            Reply r = ok(asManager("GET", "nodes/localhost/tasks/" + enc(upid) + "/status", Map.of()));
            Map<?, ?> s = (Map<?, ?>) r.data();
            if ("stopped".equals(s.get("status"))) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task did not finish: " + upid);
    }

    static Reply ok(Reply r) {
        assertEquals(200, r.status(), r.body());
        return r;
    }

    static Map<String, String> q(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, String> group(BackupDir d) {
        return q("backup-type", d.group().type().value(), "backup-id", d.group().id());
    }

    static Map<String, String> snapshot(BackupDir d) {
        return with(group(d), "backup-time", Long.toString(d.time()));
    }

    static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.putAll(q(kv));
        return m;
    }

    static String form(String... kv) {
        return form(q(kv));
    }

    static String form(Map<String, String> m) {
        return m.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
