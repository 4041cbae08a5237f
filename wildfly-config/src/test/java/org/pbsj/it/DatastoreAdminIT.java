package org.pbsj.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
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
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarEncoder;
import org.pbsj.protocol.SessionEndpoint;

/**
 * {@code /admin/datastore/{store}/…} against the real server: snapshots made through the backup
 * protocol, then listed, downloaded (raw and decoded), annotated, protected, forgotten and given
 * away, in namespaces, with the owner and ACL rules for limited users.
 */
class DatastoreAdminIT {
    private static final String STORE = "admin/datastore/store1/";
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static final String MANAGER = "root@pam!pbs-manager";
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

    /** What a snapshot made by {@link #backup} contains. */
    record Made(BackupDir dir, byte[] archive, byte[] conf) {
    }

    // ------------------------------------------------------------------ listing and downloads

    @Test
    void listsAndDownloadsRawAndDecoded() throws Exception {
        String ns = createNamespace("adm-list-" + RUN);
        Made first = backup(ns, "adm-a", 1_700_000_000L, 1);
        Made second = backup(ns, "adm-a", 1_700_000_600L, 2);

        List<?> groups = (List<?>) ok(send("GET", STORE + "groups", q("ns", ns), null)).data();
        assertEquals(1, groups.size());
        Map<?, ?> g = (Map<?, ?>) groups.get(0);
        assertEquals("host", g.get("backup-type"));
        assertEquals("adm-a", g.get("backup-id"));
        assertEquals(2L, g.get("backup-count"));
        assertEquals(second.dir().time(), g.get("last-backup"));
        assertEquals(MANAGER, g.get("owner"));
        assertEquals(List.of("index.json.blob", "root.pxar.didx", "test.conf.blob"), g.get("files"));

        List<?> snaps = (List<?>) ok(send("GET", STORE + "snapshots", q("ns", ns, "backup-type", "host"), null)).data();
        assertEquals(2, snaps.size());
        Map<?, ?> s0 = (Map<?, ?>) snaps.get(0);
        assertEquals(first.dir().time(), s0.get("backup-time"));
        assertEquals(false, s0.get("protected"));
        List<?> files = (List<?>) s0.get("files");
        assertEquals(List.of("root.pxar.didx", "test.conf.blob", "index.json.blob"),
                files.stream().map(f -> ((Map<?, ?>) f).get("filename")).toList());
        long sum = files.stream().mapToLong(f -> ((Number) ((Map<?, ?>) f).get("size")).longValue()).sum();
        assertEquals(sum, ((Number) s0.get("size")).longValue());
        assertEquals("none", ((Map<?, ?>) files.get(2)).get("crypt-mode"));
        assertEquals((long) first.archive().length, ((Map<?, ?>) files.get(0)).get("size"));

        Map<String, String> snap = snapshotParams(first.dir());
        assertEquals(files, ok(send("GET", STORE + "files", snap, null)).data());

        Path dir = ItServer.HOME.resolve("datastores/store1").resolve(first.dir().path());
        assertArrayEquals(Files.readAllBytes(dir.resolve("root.pxar.didx")), download("download", snap, "root.pxar.didx"));
        assertArrayEquals(first.archive(), download("download-decoded", snap, "root.pxar.didx"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("test.conf.blob")), download("download", snap, "test.conf.blob"));
        assertArrayEquals(first.conf(), download("download-decoded", snap, "test.conf.blob"));
        BackupManifest manifest = ManifestCodec.parse(download("download-decoded", snap, "index.json.blob"));
        assertEquals("adm-a", manifest.backupId());

        // a client log: uploaded once, then listed without size
        byte[] log = DataBlobCodec.encode("client log\n".getBytes(StandardCharsets.UTF_8), null, true).raw();
        assertEquals(200, sendBytes("POST", STORE + "upload-backup-log", snap, log).statusCode());
        HttpResponse<byte[]> again = sendBytes("POST", STORE + "upload-backup-log", snap, log);
        assertEquals(400, again.statusCode());
        assertTrue(new String(again.body(), StandardCharsets.UTF_8).contains("already contains a log"));
        List<?> withLog = (List<?>) ok(send("GET", STORE + "files", snap, null)).data();
        assertEquals(Map.of("filename", "client.log.blob"), withLog.get(3));
        assertArrayEquals("client log\n".getBytes(StandardCharsets.UTF_8), download("download-decoded", snap, "client.log.blob"));

        Map<?, ?> status = (Map<?, ?>) ok(send("GET", STORE + "status", q("verbose", "1"), null)).data();
        assertTrue(((Number) status.get("total")).longValue() > 0);
        assertTrue(((Map<?, ?>) status.get("counts")).containsKey("host"), status.toString());
        assertTrue(status.containsKey("gc-status"));
        List<?> usage = (List<?>) ok(send("GET", "status/datastore-usage", Map.of(), null)).data();
        assertTrue(usage.stream().anyMatch(u -> "store1".equals(((Map<?, ?>) u).get("store"))
                && ((Map<?, ?>) u).get("total") != null), usage.toString());
    }

    @Test
    void badNamesAre400AndNothingOutsideTheStoreIsTouched() throws Exception {
        String ns = createNamespace("adm-bad-" + RUN);
        Made m = backup(ns, "adm-bad", 1_700_000_000L, 3);
        Map<String, String> snap = snapshotParams(m.dir());
        for (String name : List.of("../../../../etc/passwd", "..", ".protected", "a/b", "")) {
            Map<String, String> p = new LinkedHashMap<>(snap);
            p.put("file-name", name);
            HttpResponse<byte[]> r = sendBytes("GET", STORE + "download", p, null);
            assertEquals(400, r.statusCode(), name + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        assertStatus(400, send("GET", STORE + "groups", q("ns", "../etc"), null));
        assertStatus(400, send("GET", STORE + "snapshots", q("ns", ns, "backup-type", "host", "backup-id", "../x"), null));
        assertStatus(400, send("GET", STORE + "files", q("ns", ns, "backup-type", "file", "backup-id", "x",
                "backup-time", "1700000000"), null));
        assertStatus(400, send("GET", STORE + "groups", q("ns", ns, "unknown", "1"), null));
        assertStatus(400, send("GET", "admin/datastore/x!y/groups", Map.of(), null));
        int traversal = send("GET", "admin/datastore/..%2F..%2Fetc/groups", Map.of(), null).status();
        assertTrue(traversal == 400 || traversal == 404, "encoded traversal: " + traversal);
        assertStatus(400, send("POST", STORE + "namespace", Map.of(), form("name", "..", "parent", ns)));
        assertStatus(404, send("GET", STORE + "files", q("ns", ns, "backup-type", "host", "backup-id", "adm-bad",
                "backup-time", "1700000001"), null));
        assertStatus(400, send("GET", STORE + "download-decoded", with(snap, "file-name", "nothing.txt"), null));
    }

    // ------------------------------------------------------------------ notes, protection, forget, owner

    @Test
    void notesProtectionForgetAndChangeOwner() throws Exception {
        String ns = createNamespace("adm-edit-" + RUN);
        Made first = backup(ns, "adm-b", 1_700_000_000L, 4);
        Made second = backup(ns, "adm-b", 1_700_000_600L, 5);
        Map<String, String> snap = snapshotParams(first.dir());

        assertEquals("", ok(send("GET", STORE + "notes", snap, null)).data());
        ok(send("PUT", STORE + "notes", Map.of(), form(with(snap, "notes", "first line\nsecond line"))));
        assertEquals("first line\nsecond line", ok(send("GET", STORE + "notes", snap, null)).data());
        Map<?, ?> listed = (Map<?, ?>) ((List<?>) ok(send("GET", STORE + "snapshots", groupParams(first.dir()), null)).data()).get(0);
        assertEquals("first line", listed.get("comment"));
        BackupManifest m = ManifestCodec.parse(download("download-decoded", snap, "index.json.blob"));
        assertTrue(m.unprotected().containsKey("chunk_upload_stats"), "the update keeps other unprotected keys");

        Map<String, String> group = groupParams(first.dir());
        ok(send("PUT", STORE + "group-notes", Map.of(), form(with(group, "notes", "group comment\nmore"))));
        assertEquals("group comment\nmore", ok(send("GET", STORE + "group-notes", group, null)).data());
        Map<?, ?> g = (Map<?, ?>) ((List<?>) ok(send("GET", STORE + "groups", q("ns", ns), null)).data()).get(0);
        assertEquals("group comment", g.get("comment"));

        assertEquals(false, ok(send("GET", STORE + "protected", snap, null)).data());
        ok(send("PUT", STORE + "protected", Map.of(), form(with(snap, "protected", "1"))));
        assertEquals(true, ok(send("GET", STORE + "protected", snap, null)).data());
        ItServer.Reply refused = send("DELETE", STORE + "snapshots", snap, null);
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("protected"), refused.body());
        ItServer.Reply partial = send("DELETE", STORE + "groups", group, null);
        assertEquals(400, partial.status());
        assertTrue(partial.body().contains("partially deleted"), partial.body());
        List<?> left = (List<?>) ok(send("GET", STORE + "snapshots", group, null)).data();
        assertEquals(1, left.size(), "the unprotected snapshot went with the group delete");
        assertEquals(true, ((Map<?, ?>) left.get(0)).get("protected"));
        assertStatus(404, send("GET", STORE + "notes", snapshotParams(second.dir()), null));

        ok(send("PUT", STORE + "protected", Map.of(), form(with(snap, "protected", "false"))));
        ok(send("DELETE", STORE + "snapshots", snap, null));
        assertEquals(List.of(), ok(send("GET", STORE + "snapshots", group, null)).data());

        Made third = backup(ns, "adm-b2", 1_700_001_000L, 6);
        String owner = createUser("adm-owner-" + RUN + "@pbs");
        ok(send("POST", STORE + "change-owner", Map.of(), form(with(groupParams(third.dir()), "new-owner", owner))));
        Map<?, ?> changed = (Map<?, ?>) ((List<?>) ok(send("GET", STORE + "groups", q("ns", ns), null)).data()).stream()
                .filter(x -> "adm-b2".equals(((Map<?, ?>) x).get("backup-id"))).findFirst().orElseThrow();
        assertEquals(owner, changed.get("owner"));
        ItServer.Reply inactive = send("POST", STORE + "change-owner", Map.of(),
                form(with(groupParams(third.dir()), "new-owner", "nobody-" + RUN + "@pbs")));
        assertEquals(400, inactive.status());
        assertTrue(inactive.body().contains("inactive or non-existent"), inactive.body());
    }

    // ------------------------------------------------------------------ namespaces

    @Test
    void namespacesAreCreatedListedAndDeleted() throws Exception {
        String top = createNamespace("adm-ns-" + RUN);
        assertEquals(top + "/sub", ok(send("POST", STORE + "namespace", Map.of(), form("name", "sub", "parent", top))).data());
        List<?> list = (List<?>) ok(send("GET", STORE + "namespace", q("parent", top), null)).data();
        assertEquals(List.of(Map.of("ns", top), Map.of("ns", top + "/sub")), list);
        assertEquals(List.of(Map.of("ns", top)),
                ok(send("GET", STORE + "namespace", q("parent", top, "max-depth", "0"), null)).data());
        assertStatus(400, send("POST", STORE + "namespace", Map.of(), form("name", "x", "parent", top + "/missing")));

        backup(top + "/sub", "adm-ns-grp", 1_700_000_000L, 7);
        ItServer.Reply notEmpty = send("DELETE", STORE + "namespace", q("ns", top), null);
        assertEquals(400, notEmpty.status());
        assertTrue(notEmpty.body().contains("delete-groups"), notEmpty.body());
        ok(send("DELETE", STORE + "namespace", q("ns", top, "delete-groups", "1"), null));
        assertStatus(404, send("GET", STORE + "namespace", q("parent", top), null));
        assertFalse(Files.exists(ItServer.HOME.resolve("datastores/store1/ns/" + top)));
    }

    // ------------------------------------------------------------------ privileges and owners

    @Test
    void limitedUsersSeeOwnGroupsAndUsersWithoutAclNothing() throws Exception {
        String ns = createNamespace("adm-acl-" + RUN);
        Made own = backup(ns, "adm-c1", 1_700_000_000L, 8);
        Made other = backup(ns, "adm-c2", 1_700_000_000L, 9);
        String backupUser = createUser("adm-backup-" + RUN + "@pbs");
        String noAclUser = createUser("adm-none-" + RUN + "@pbs");
        ok(send("PUT", "access/acl", Map.of(),
                form("path", "/datastore/store1", "role", "DatastoreBackup", "auth-id", backupUser)));
        List<?> acl = (List<?>) ok(send("GET", "access/acl", q("path", "/datastore/store1", "exact", "1"), null)).data();
        assertTrue(acl.contains(Map.of("path", "/datastore/store1", "ugid", backupUser, "ugid_type", "user",
                "propagate", true, "roleid", "DatastoreBackup")), acl.toString());
        assertStatus(400, send("PUT", "access/acl", Map.of(), form("path", "/nowhere", "role", "Admin", "auth-id", backupUser)));
        assertStatus(400, send("PUT", "access/acl", Map.of(), form("path", "/", "role", "NoSuchRole", "auth-id", backupUser)));
        ok(send("POST", STORE + "change-owner", Map.of(), form(with(groupParams(own.dir()), "new-owner", backupUser))));

        Login limited = login(backupUser);
        List<?> groups = (List<?>) ok(limited.send("GET", STORE + "groups", q("ns", ns), null)).data();
        assertEquals(List.of("adm-c1"), groups.stream().map(x -> ((Map<?, ?>) x).get("backup-id")).toList());
        List<?> snaps = (List<?>) ok(limited.send("GET", STORE + "snapshots", q("ns", ns), null)).data();
        assertEquals(1, snaps.size());
        assertEquals(200, limited.download("download-decoded", with(snapshotParams(own.dir()), "file-name", "root.pxar.didx")).statusCode());
        HttpResponse<byte[]> foreign = limited.download("download", with(snapshotParams(other.dir()), "file-name", "root.pxar.didx"));
        assertEquals(400, foreign.statusCode());
        assertTrue(new String(foreign.body(), StandardCharsets.UTF_8).contains("owner check failed"));
        ok(limited.send("PUT", STORE + "notes", Map.of(), form(with(snapshotParams(own.dir()), "notes", "mine"))));
        assertStatus(403, limited.send("DELETE", STORE + "snapshots", snapshotParams(own.dir()), null));
        assertStatus(401, limited.send("POST", STORE + "change-owner", Map.of(),
                form(with(groupParams(own.dir()), "new-owner", noAclUser))));
        assertStatus(400, limited.send("PUT", "access/acl", Map.of(),
                form("path", "/datastore/store1", "role", "Admin", "auth-id", noAclUser)));

        Login none = login(noAclUser);
        assertStatus(403, none.send("GET", STORE + "groups", q("ns", ns), null));
        assertStatus(403, none.send("GET", STORE + "snapshots", Map.of(), null));
        assertStatus(403, none.send("GET", STORE + "namespace", Map.of(), null));
        assertStatus(403, none.send("GET", STORE + "status", Map.of(), null));
        assertEquals(403, none.download("download", with(snapshotParams(own.dir()), "file-name", "root.pxar.didx")).statusCode());
        assertEquals(List.of(), ok(none.send("GET", "admin/datastore", Map.of(), null)).data());
        assertEquals(List.of(), ok(none.send("GET", "status/datastore-usage", Map.of(), null)).data());
        assertEquals(List.of(), ok(none.send("GET", "access/acl", Map.of(), null)).data());
    }

    // ------------------------------------------------------------------ catalog and pxar browsing

    @Test
    void catalogListsAndPxarFilesDownload() throws Exception {
        String ns = createNamespace("adm-pxar-" + RUN);
        byte[] hosts = "127.0.0.1 localhost\n".getBytes(StandardCharsets.UTF_8);
        byte[] big = data(300_000, 11);
        Metadata dirMeta = Metadata.of(040755, 0, 0, 1_700_000_000L, 0);
        Metadata fileMeta = Metadata.of(0100644, 0, 0, 1_700_000_123L, 0);
        ByteArrayOutputStream pxar = new ByteArrayOutputStream();
        try (PxarEncoder enc = PxarEncoder.create(pxar, dirMeta)) {
            enc.addFile(b("big.bin"), fileMeta, big);
            enc.beginDirectory(b("etc"), dirMeta);
            enc.addFile(b("hosts"), fileMeta, hosts);
            enc.endDirectory();
            enc.finish();
        }
        ByteArrayOutputStream catalog = new ByteArrayOutputStream();
        try (CatalogWriter cw = new CatalogWriter(catalog)) {
            cw.startDirectory("root.pxar.didx");
            cw.addFile("big.bin", big.length, 1_700_000_123L);
            cw.startDirectory("etc");
            cw.addFile("hosts", hosts.length, 1_700_000_123L);
            cw.endDirectory();
            cw.endDirectory();
            cw.finish();
        }
        BackupDir dir = new BackupDir(new BackupGroup(BackupNamespace.parse(ns), BackupType.HOST, "adm-pxar"), 1_700_000_000L);
        upload(dir, Map.of("root.pxar.didx", pxar.toByteArray(), "catalog.pcat1.didx", catalog.toByteArray()));
        Map<String, String> snap = snapshotParams(dir);

        List<?> top = (List<?>) ok(send("GET", STORE + "catalog", with(snap, "filepath", "root"), null)).data();
        assertEquals(List.of(Map.of("filepath", b64("/root.pxar.didx"), "text", "root.pxar.didx", "type", "d", "leaf", false)), top);
        List<?> inArchive = (List<?>) ok(send("GET", STORE + "catalog", with(snap, "filepath", b64("/root.pxar.didx")), null)).data();
        assertEquals(Map.of("filepath", b64("/root.pxar.didx/big.bin"), "text", "big.bin", "type", "f", "leaf", true,
                "size", (long) big.length, "mtime", 1_700_000_123L), inArchive.get(0));
        assertEquals("etc", ((Map<?, ?>) inArchive.get(1)).get("text"));
        assertStatus(400, send("GET", STORE + "catalog", with(snap, "filepath", b64("/root.pxar.didx/nope")), null));

        assertArrayEquals(big, pxarFile(snap, "/root.pxar.didx/big.bin"));
        assertArrayEquals(hosts, pxarFile(snap, "/root.pxar.didx/etc/hosts"));
        Map<String, byte[]> zip = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new java.io.ByteArrayInputStream(pxarFile(snap, "/root.pxar.didx/etc")))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                zip.put(e.getName(), z.readAllBytes());
            }
        }
        assertEquals(List.of("etc/", "etc/hosts"), List.copyOf(zip.keySet()));
        assertArrayEquals(hosts, zip.get("etc/hosts"));
        HttpResponse<byte[]> missing = sendBytes("GET", STORE + "pxar-file-download",
                with(snap, "filepath", b64("/root.pxar.didx/etc/nope")), null);
        assertEquals(400, missing.statusCode());
    }

    private static byte[] pxarFile(Map<String, String> snap, String path) throws Exception {
        HttpResponse<byte[]> r = sendBytes("GET", STORE + "pxar-file-download", with(snap, "filepath", b64(path)), null);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(b(s));
    }

    /** A snapshot with the given dynamic archives (cut into 64 KiB chunks) and a manifest. */
    private static void upload(BackupDir dir, Map<String, byte[]> archives) throws Exception {
        try (RemoteBackupTarget t = RemoteBackupTarget.open(manager(), "store1", dir, false)) {
            BackupManifest m = BackupManifest.create("host", dir.group().id(), dir.time());
            for (Map.Entry<String, byte[]> a : new java.util.TreeMap<>(archives).entrySet()) {
                int wid = t.createDynamicIndex(a.getKey());
                MessageDigest csum = MessageDigest.getInstance("SHA-256");
                byte[] all = a.getValue();
                int count = 0;
                for (int off = 0; off < all.length; off += 65536) {
                    byte[] c = java.util.Arrays.copyOfRange(all, off, Math.min(all.length, off + 65536));
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

    // ------------------------------------------------------------------ helpers

    /** Uploads one dynamic archive of three chunks and one blob, then the manifest, and finishes. */
    private static Made backup(String ns, String id, long time, int seed) throws Exception {
        BackupDir dir = new BackupDir(new BackupGroup(BackupNamespace.parse(ns), BackupType.HOST, id), time);
        byte[][] chunks = {data(700_000, seed), data(1 << 20, seed + 1), data(12_345, seed + 2)};
        byte[] conf = ("conf of " + id + " " + seed + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (RemoteBackupTarget t = RemoteBackupTarget.open(manager(), "store1", dir, false)) {
            int wid = t.createDynamicIndex("root.pxar.didx");
            MessageDigest csum = MessageDigest.getInstance("SHA-256");
            long offset = 0;
            for (byte[] c : chunks) {
                byte[] digest = CryptConfig.sha256(c);
                t.uploadChunk(false, wid, digest, c.length, DataBlobCodec.encode(c, null, true).raw());
                t.append(false, wid, List.of(digest), List.of(offset));
                offset += c.length;
                archive.write(c);
                csum.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(offset).array());
                csum.update(digest);
            }
            byte[] sum = csum.digest();
            t.closeIndex(false, wid, chunks.length, offset, sum);
            byte[] confBlob = DataBlobCodec.encode(conf, null, true).raw();
            t.uploadBlob("test.conf.blob", confBlob);
            BackupManifest m = BackupManifest.create("host", id, time)
                    .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, offset, sum))
                    .withFile(new FileInfo("test.conf.blob", CryptMode.NONE, confBlob.length,
                            MessageDigest.getInstance("SHA-256").digest(confBlob)));
            t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
            t.finish();
        }
        return new Made(dir, archive.toByteArray(), conf);
    }

    private static byte[] data(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 7 + seed * 31 + (i >> 11));
        }
        return b;
    }

    private static SessionEndpoint manager() throws Exception {
        return new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL,
                Auth.ApiToken.parse(Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token"))));
    }

    private static String createNamespace(String name) throws Exception {
        assertEquals(name, ok(send("POST", STORE + "namespace", Map.of(), form("name", name))).data());
        return name;
    }

    private static String createUser(String userid) throws Exception {
        ok(send("POST", "access/users", Map.of(), form("userid", userid, "password", "adm-password-1")));
        return userid;
    }

    private static Map<String, String> groupParams(BackupDir d) {
        return q("ns", d.ns().toString(), "backup-type", d.group().type().value(), "backup-id", d.group().id());
    }

    private static Map<String, String> snapshotParams(BackupDir d) {
        return with(groupParams(d), "backup-time", Long.toString(d.time()));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static Map<String, String> q(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String form(String... kv) {
        return form(q(kv));
    }

    private static String form(Map<String, String> m) {
        return m.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static ItServer.Reply ok(ItServer.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static void assertStatus(int expected, ItServer.Reply r) {
        assertEquals(expected, r.status(), r.body());
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

    /** As the manager token (the superuser's). */
    private static ItServer.Reply send(String method, String path, Map<String, String> query, String formBody)
            throws Exception {
        return ItServer.send(request(method, path, query, formBody, null).header("Authorization", ItServer.managerTokenHeader()));
    }

    private static HttpResponse<byte[]> sendBytes(String method, String path, Map<String, String> query, byte[] raw)
            throws Exception {
        return ItServer.HTTP.send(request(method, path, query, null, raw).header("Authorization", ItServer.managerTokenHeader())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] download(String kind, Map<String, String> snap, String file) throws Exception {
        HttpResponse<byte[]> r = sendBytes("GET", STORE + kind, with(snap, "file-name", file), null);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(""));
        return r.body();
    }

    /** A user's ticket session: cookie on every request, CSRF token on writes. */
    private record Login(String cookie, String csrf) {
        ItServer.Reply send(String method, String path, Map<String, String> query, String formBody) throws Exception {
            HttpRequest.Builder b = request(method, path, query, formBody, null).header("Cookie", cookie);
            return ItServer.send(method.equals("GET") ? b : b.header("CSRFPreventionToken", csrf));
        }

        HttpResponse<byte[]> download(String kind, Map<String, String> params) throws Exception {
            return ItServer.HTTP.send(request("GET", STORE + kind, params, null, null).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static Login login(String userid) throws Exception {
        ItServer.Reply r = ok(ItServer.send(ItServer.postForm("access/ticket",
                Map.of("username", userid, "password", "adm-password-1"))));
        Map<?, ?> t = (Map<?, ?>) r.data();
        return new Login("PBSAuthCookie=" + enc((String) t.get("ticket")), (String) t.get("CSRFPreventionToken"));
    }
}
