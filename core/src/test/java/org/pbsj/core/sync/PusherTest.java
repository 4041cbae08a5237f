package org.pbsj.core.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.testutil.TestBackups.backup;
import static org.pbsj.core.testutil.TestBackups.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.backup.BackupSession;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.job.CollectingLog;
import org.pbsj.core.json.Json;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.SyncLevel;
import org.pbsj.core.testutil.TestBackups;

class PusherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String REMOTE_USER = "push@pbs!token";

    @TempDir
    Path tmp;
    Datastore src;
    Datastore dst;
    LocalPushTarget target;
    CollectingLog log = new CollectingLog();

    @BeforeEach
    void open() throws IOException {
        src = store("src");
        dst = store("dst");
        target = new LocalPushTarget(dst, REMOTE_USER, CLOCK);
    }

    private Datastore store(String name) throws IOException {
        Files.createDirectories(tmp.resolve(name + "/.chunks"));
        return Datastore.open(name, tmp.resolve(name), new DatastoreOptions(SyncLevel.NONE, CLOCK, tmp.resolve("locks-" + name)));
    }

    @AfterEach
    void close() {
        src.close();
        dst.close();
    }

    private SyncStats.Totals push(PushOptions options) {
        return new Pusher(src, target, options, log, () -> false, Runnable::run, 1).run();
    }

    @Test
    void pushCopiesSnapshotsWithIdenticalIndexesAndManifestsAndASecondPushSendsNothing() throws IOException {
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1), chunk(2));
        backup(src, CLOCK, "host/a/2024-01-02T00:00:00Z", chunk(1), chunk(3));
        backup(src, CLOCK, "vm/100/2024-01-01T00:00:00Z", chunk(2), chunk(4));
        Files.write(src.snapshotPath(BackupDir.parse("host/a/2024-01-02T00:00:00Z")).resolve(BackupDir.CLIENT_LOG),
                DataBlobCodec.encode("log".getBytes(), null, true).raw());

        SyncStats.Totals first = push(PushOptions.defaults());
        assertEquals(3, first.snapshots());
        assertEquals(5, first.chunksDownloaded(), "chunk 1 is known from the previous snapshot of host/a; "
                + "vm/100 has no previous snapshot, so chunk 2 goes again");
        assertEquals(5, target.chunkUploads.get());
        for (String p : List.of("host/a/2024-01-01T00:00:00Z", "host/a/2024-01-02T00:00:00Z", "vm/100/2024-01-01T00:00:00Z")) {
            assertSameSnapshot(BackupDir.parse(p), BackupDir.parse(p));
        }
        assertArrayEquals(Files.readAllBytes(src.snapshotPath(BackupDir.parse("host/a/2024-01-02T00:00:00Z"))
                .resolve(BackupDir.CLIENT_LOG)), Files.readAllBytes(dst.snapshotPath(BackupDir.parse("host/a/2024-01-02T00:00:00Z"))
                .resolve(BackupDir.CLIENT_LOG)));
        assertEquals(REMOTE_USER, dst.owner(BackupDir.parse("host/a/2024-01-01T00:00:00Z").group()).orElseThrow());

        int sessions = target.sessions.get();
        SyncStats.Totals second = push(PushOptions.defaults());
        assertEquals(0, second.snapshots());
        assertEquals(0, second.chunksDownloaded());
        assertEquals(sessions, target.sessions.get(), "snapshots already on the target are skipped");
        assertTrue(log.contains("skipped 2 snapshot(s) already on the target"), log.lines.toString());

        backup(src, CLOCK, "host/a/2024-01-03T00:00:00Z", chunk(3), chunk(5));
        SyncStats.Totals third = push(PushOptions.defaults());
        assertEquals(1, third.snapshots());
        assertEquals(1, third.chunksDownloaded(), "only the new chunk travels");
        assertEquals(1, third.chunksPresent());
        assertTrue(log.contains("push done: 1 snapshot(s)"), log.lines.toString());
    }

    @Test
    void fixedIndexesAndBlobsArePushedWithOnlyChangedChunks() throws Exception {
        byte[] disk = new byte[(int) BackupSession.FIXED_CHUNK_SIZE + 1000];
        Arrays.fill(disk, (byte) 7);
        BackupDir v1 = vmBackup("vm/200/2024-01-01T00:00:00Z", disk);
        disk[disk.length - 1] = 9; // only the short tail chunk changes
        BackupDir v2 = vmBackup("vm/200/2024-01-02T00:00:00Z", disk);

        SyncStats.Totals t = push(PushOptions.defaults());
        assertEquals(2, t.snapshots());
        assertEquals(3, t.chunksDownloaded(), "two chunks for the first image, the changed tail for the second");
        assertSameSnapshot(v1, v1);
        assertSameSnapshot(v2, v2);
    }

    @Test
    void namespacesAreMappedAndCreatedAndTheGroupFilterAndTransferLastApply() {
        backup(src, CLOCK, "ns/a/host/x/2024-01-01T00:00:00Z", chunk(1));
        backup(src, CLOCK, "ns/a/host/x/2024-01-02T00:00:00Z", chunk(2));
        backup(src, CLOCK, "ns/a/host/x/2024-01-03T00:00:00Z", chunk(3));
        backup(src, CLOCK, "ns/a/ns/b/host/y/2024-01-01T00:00:00Z", chunk(4));
        backup(src, CLOCK, "ns/a/vm/1/2024-01-01T00:00:00Z", chunk(5));

        PushOptions o = PushOptions.defaults().withNamespaces(BackupNamespace.of("a"), BackupNamespace.of("copy", "deep"), null)
                .withGroupFilter(GroupFilter.parse(List.of("type:host"))).withTransferLast(2);
        SyncStats.Totals t = push(o);
        assertEquals(3, t.snapshots());
        BackupGroup x = new BackupGroup(BackupNamespace.of("copy", "deep"), org.pbsj.core.datastore.BackupType.HOST, "x");
        assertEquals(List.of(BackupDir.parse("ns/copy/ns/deep/host/x/2024-01-02T00:00:00Z"),
                BackupDir.parse("ns/copy/ns/deep/host/x/2024-01-03T00:00:00Z")), dst.listSnapshots(x));
        assertTrue(dst.namespaceExists(BackupNamespace.of("copy", "deep", "b")));
        assertTrue(dst.listGroups(BackupNamespace.of("copy", "deep")).stream().noneMatch(g -> g.id().equals("1")),
                "the group filter keeps vm/1 back");

        log.lines.clear();
        push(o.withNamespaces(BackupNamespace.of("a"), BackupNamespace.of("copy", "deep"), 0));
        assertTrue(log.contains("found 1 namespace(s) to push"), "max-depth 0 pushes the anchor only");
    }

    @Test
    void removeVanishedDeletesWhatIsGoneLocallyButOnlyOwnedGroupsAndUnprotectedSnapshots() {
        backup(src, CLOCK, "host/a/2024-01-01T00:00:00Z", chunk(1));
        backup(src, CLOCK, "host/a/2024-01-02T00:00:00Z", chunk(2));
        backup(src, CLOCK, "host/gone/2024-01-01T00:00:00Z", chunk(3));
        backup(src, CLOCK, "ns/old/host/z/2024-01-01T00:00:00Z", chunk(4));
        push(PushOptions.defaults());
        backup(dst, CLOCK, "host/foreign/2024-01-01T00:00:00Z", chunk(5)); // owned by TestBackups.OWNER

        src.removeSnapshot(BackupDir.parse("host/a/2024-01-01T00:00:00Z"), false);
        src.removeGroup(BackupDir.parse("host/gone/2024-01-01T00:00:00Z").group());
        src.removeNamespace(BackupNamespace.of("old"), true);
        SyncStats.Totals t = push(PushOptions.defaults().withRemoveVanished(true));

        assertEquals(1, t.removedSnapshots());
        assertEquals(1, t.removedGroups());
        assertEquals(1, t.removedNamespaces());
        assertEquals(List.of(BackupDir.parse("host/a/2024-01-02T00:00:00Z")),
                dst.listSnapshots(BackupDir.parse("host/a/2024-01-02T00:00:00Z").group()));
        assertFalse(dst.namespaceExists(BackupNamespace.of("old")));
        assertTrue(dst.groupExists(BackupDir.parse("host/foreign/2024-01-01T00:00:00Z").group()),
                "a group of another owner is never removed");
        assertEquals(TestBackups.OWNER, dst.owner(BackupDir.parse("host/foreign/2024-01-01T00:00:00Z").group()).orElseThrow());
    }

    @Test
    void aTargetGroupOfAnotherOwnerIsSkippedWithAWarning() {
        backup(src, CLOCK, "host/shared/2024-01-02T00:00:00Z", chunk(1));
        backup(dst, CLOCK, "host/shared/2024-01-01T00:00:00Z", chunk(2));
        SyncStats.Totals t = push(PushOptions.defaults());
        assertEquals(0, t.snapshots());
        assertTrue(log.contains("not owned by remote user"), log.lines.toString());
    }

    @Test
    void missingTargetPrivilegesFailTheNamespaceAndTheRunEndsWithErrors() {
        backup(src, CLOCK, "ns/a/host/x/2024-01-01T00:00:00Z", chunk(1));
        PushOptions o = PushOptions.defaults().withAccess(null, (ns, op) -> op != PushOptions.TargetOperation.MODIFY);
        SyncException e = assertThrows(SyncException.class, () -> push(o));
        assertEquals("sync failed with some errors.", e.getMessage());
        assertTrue(log.contains("Remote.DatastoreModify"), log.lines.toString());
        assertFalse(dst.namespaceExists(BackupNamespace.of("a")));
    }

    @Test
    void localAccessFiltersGroups() {
        backup(src, CLOCK, "host/mine/2024-01-01T00:00:00Z", chunk(1));
        backup(src, CLOCK, "host/theirs/2024-01-01T00:00:00Z", chunk(2));
        PushOptions.SourceAccess onlyMine = new PushOptions.SourceAccess() {
            @Override
            public boolean namespace(BackupNamespace ns) {
                return true;
            }

            @Override
            public boolean group(BackupGroup g, java.util.Optional<String> owner) {
                return g.id().equals("mine");
            }
        };
        assertEquals(1, push(PushOptions.defaults().withAccess(onlyMine, null)).snapshots());
        assertEquals(1, dst.listGroups(BackupNamespace.ROOT).size());
    }

    // ------------------------------------------------------------------ helpers

    /** Same manifest (but for the target's own upload statistics), same index contents, same blobs. */
    private void assertSameSnapshot(BackupDir a, BackupDir b) throws IOException {
        Path pa = src.snapshotPath(a);
        Path pb = dst.snapshotPath(b);
        byte[] ma = Files.readAllBytes(pa.resolve(BackupDir.MANIFEST));
        byte[] mb = Files.readAllBytes(pb.resolve(BackupDir.MANIFEST));
        assertEquals(withoutUploadStats(ma), withoutUploadStats(mb), a + " manifest");
        BackupManifest manifest = ManifestCodec.parse(DataBlobCodec.decode(DataBlobCodec.load(ma, "m"), null, null));
        for (FileInfo f : manifest.files()) {
            byte[] fa = Files.readAllBytes(pa.resolve(f.filename()));
            byte[] fb = Files.readAllBytes(pb.resolve(f.filename()));
            if (f.filename().endsWith(".blob")) {
                assertArrayEquals(fa, fb, a + "/" + f.filename());
            } else {
                assertArrayEquals(withoutUuidAndCtime(fa), withoutUuidAndCtime(fb), a + "/" + f.filename());
                assertArrayEquals(IndexFile.wrap(ByteBuffer.wrap(fa), "a").storedCsum(),
                        IndexFile.wrap(ByteBuffer.wrap(fb), "b").storedCsum());
            }
        }
    }

    static Object withoutUploadStats(byte[] manifestBlob) {
        Map<?, ?> json = (Map<?, ?>) Json.parse(new String(DataBlobCodec.decode(DataBlobCodec.load(manifestBlob, "m"), null, null),
                java.nio.charset.StandardCharsets.UTF_8), "manifest");
        Map<Object, Object> copy = new LinkedHashMap<>(json);
        Map<Object, Object> unprotected = new LinkedHashMap<>((Map<?, ?>) copy.getOrDefault("unprotected", Map.of()));
        unprotected.remove(BackupManifest.CHUNK_UPLOAD_STATS);
        copy.put("unprotected", unprotected);
        return copy;
    }

    /** An index file with its per-file header fields (uuid, ctime: bytes 8..32) zeroed. */
    static byte[] withoutUuidAndCtime(byte[] index) {
        byte[] c = index.clone();
        Arrays.fill(c, 8, 32, (byte) 0);
        return c;
    }

    /** A VM-style snapshot: one fixed index over {@code disk} and a config blob. */
    private BackupDir vmBackup(String path, byte[] disk) throws Exception {
        BackupDir dir = BackupDir.parse(path);
        try (BackupSession s = BackupSession.start(src, dir, TestBackups.OWNER, CLOCK)) {
            int wid = s.createFixedIndex("drive-scsi0.img.fidx", disk.length, null);
            MessageDigest csum = MessageDigest.getInstance("SHA-256");
            for (long off = 0; off < disk.length; off += BackupSession.FIXED_CHUNK_SIZE) {
                byte[] c = Arrays.copyOfRange(disk, (int) off, (int) Math.min(disk.length, off + BackupSession.FIXED_CHUNK_SIZE));
                byte[] d = CryptConfig.sha256(c);
                byte[] blob = DataBlobCodec.encode(c, null, true).raw();
                s.uploadChunk(true, wid, d, c.length, blob.length, blob);
                s.append(true, wid, List.of(d), List.of(off));
                csum.update(d);
            }
            byte[] sum = csum.digest();
            s.closeIndex(true, wid, 2, disk.length, sum);
            byte[] conf = DataBlobCodec.encode("memory: 512\n".getBytes(), null, false).raw();
            s.uploadBlob("qemu-server.conf.blob", conf.length, conf);
            BackupManifest m = BackupManifest.create("vm", dir.group().id(), dir.time())
                    .withFile(new FileInfo("qemu-server.conf.blob", CryptMode.NONE, conf.length, CryptConfig.sha256(conf)))
                    .withFile(new FileInfo("drive-scsi0.img.fidx", CryptMode.NONE, disk.length, sum));
            byte[] manifest = DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw();
            s.uploadBlob(BackupDir.MANIFEST, manifest.length, manifest);
            s.finish();
        }
        return dir;
    }
}
