package org.pbsj.core.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.index.DynamicIndexV1;
import org.pbsj.core.index.FixedIndexV1;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.SyncLevel;

class BackupSessionTest {
    private static final String OWNER = "backup@pbs";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final BackupGroup GROUP = new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, "client1");

    @TempDir
    Path tmp;
    Datastore store;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(tmp.resolve("store/.chunks"));
        store = Datastore.open("teststore", tmp.resolve("store"),
                new DatastoreOptions(SyncLevel.NONE, CLOCK, tmp.resolve("locks")));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static byte[] data(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 31 + seed + (i >> 9));
        }
        return b;
    }

    private static byte[] sha(byte[] b) {
        return CryptConfig.sha256(b);
    }

    private static byte[] dynamicCsum(long[] ends, byte[][] digests) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < ends.length; i++) {
            md.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ends[i]).array());
            md.update(digests[i]);
        }
        return md.digest();
    }

    private static byte[] chunkBlob(byte[] plain) {
        return DataBlobCodec.encode(plain, null, true).raw();
    }

    private static byte[] manifestBlob(BackupDir dir, List<FileInfo> files) {
        BackupManifest m = BackupManifest.create(dir.group().type().toString(), dir.group().id(), dir.time());
        for (FileInfo f : files) {
            m = m.withFile(f);
        }
        return DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw();
    }

    private BackupDir snapshot(long time) {
        return new BackupDir(GROUP, time);
    }

    /** Runs a small dynamic-index backup; returns the digests it stored. */
    private byte[][] backup(long time, byte[][] chunks, boolean finish) throws Exception {
        BackupDir dir = snapshot(time);
        try (BackupSession s = BackupSession.start(store, dir, OWNER, CLOCK)) {
            int wid = s.createDynamicIndex("root.pxar.didx");
            byte[][] digests = new byte[chunks.length][];
            long[] ends = new long[chunks.length];
            long offset = 0;
            for (int i = 0; i < chunks.length; i++) {
                digests[i] = sha(chunks[i]);
                byte[] blob = chunkBlob(chunks[i]);
                s.uploadChunk(false, wid, digests[i], chunks[i].length, blob.length, blob);
                s.append(false, wid, List.of(digests[i]), List.of(offset));
                offset += chunks[i].length;
                ends[i] = offset;
            }
            byte[] csum = dynamicCsum(ends, digests);
            s.closeIndex(false, wid, chunks.length, offset, csum);
            byte[] manifest = manifestBlob(dir, List.of(new FileInfo("root.pxar.didx", CryptMode.NONE, offset, csum)));
            s.uploadBlob("index.json.blob", manifest.length, manifest);
            if (finish) {
                s.finish();
            }
            return digests;
        }
    }

    @Test
    void finishedBackupIsVisibleWithIndexChunksAndUploadStats() throws Exception {
        byte[][] digests = backup(1000, new byte[][] {data(5000, 1), data(7000, 2)}, true);
        BackupDir dir = snapshot(1000);
        assertTrue(store.isFinished(dir));
        DynamicIndexV1 idx = DynamicIndexV1.open(store.snapshotPath(dir).resolve("root.pxar.didx"));
        assertEquals(2, idx.count());
        assertEquals(12000, idx.size());
        assertArrayEquals(digests[1], idx.digest(1));
        assertTrue(Files.exists(store.chunkStore().chunkPath(digests[0])));
        byte[] json = DataBlobCodec.decode(DataBlobCodec.read(store.manifestPath(dir)), null, null);
        Map<?, ?> stats = (Map<?, ?>) ManifestCodec.parse(json).unprotected().get("chunk_upload_stats");
        assertEquals(2L, stats.get("count"));
        assertEquals(12000L, stats.get("size"));
        assertEquals(0L, stats.get("duplicates"));
    }

    @Test
    void sessionWithoutFinishLeavesNoSnapshot() throws Exception {
        backup(1000, new byte[][] {data(5000, 1)}, false);
        assertFalse(Files.exists(store.snapshotPath(snapshot(1000))));
        assertTrue(store.listSnapshots(GROUP).isEmpty());
        // and the group is usable again: a new session can start
        backup(1001, new byte[][] {data(5000, 1)}, true);
        assertTrue(store.isFinished(snapshot(1001)));
    }

    @Test
    void secondBackupReusesChunksThroughPreviousAndRejectsUnknownOnes() throws Exception {
        byte[][] first = backup(1000, new byte[][] {data(5000, 1), data(7000, 2)}, true);
        try (BackupSession s = BackupSession.start(store, snapshot(2000), OWNER, CLOCK)) {
            assertEquals(Optional.of(1000L), s.previousBackupTime());
            int wid = s.createDynamicIndex("root.pxar.didx");
            BackupProtocolException unknown = assertThrows(BackupProtocolException.class,
                    () -> s.append(false, wid, List.of(first[0]), List.of(0L)));
            assertTrue(unknown.getMessage().startsWith("no such chunk"), unknown.getMessage());
            Path prev = s.previousFile("root.pxar.didx");
            assertTrue(Files.isRegularFile(prev));
            s.append(false, wid, List.of(first[0], first[1]), List.of(0L, 5000L));
            byte[] csum = dynamicCsum(new long[] {5000, 12000}, first);
            s.closeIndex(false, wid, 2, 12000, csum);
        }
    }

    @Test
    void badUploadsAreRefusedAndStoreNothing() throws Exception {
        try (BackupSession s = BackupSession.start(store, snapshot(1000), OWNER, CLOCK)) {
            int wid = s.createDynamicIndex("root.pxar.didx");
            byte[] plain = data(4000, 3);
            byte[] blob = chunkBlob(plain);
            byte[] wrongDigest = sha(data(4000, 4));
            assertThrows(BackupProtocolException.class, () -> s.uploadChunk(false, wid, wrongDigest, plain.length, blob.length, blob));
            assertFalse(Files.exists(store.chunkStore().chunkPath(wrongDigest)));
            assertThrows(BackupProtocolException.class, () -> s.uploadChunk(false, wid, sha(plain), plain.length + 1, blob.length, blob));
            assertThrows(BackupProtocolException.class, () -> s.uploadChunk(false, wid, sha(plain), plain.length, blob.length + 5, blob));
            byte[] flipped = blob.clone();
            flipped[flipped.length - 1] ^= 1;
            assertThrows(BackupProtocolException.class, () -> s.uploadChunk(false, wid, sha(plain), plain.length, flipped.length, flipped));
            assertThrows(BackupProtocolException.class, () -> s.uploadChunk(true, wid, sha(plain), plain.length, blob.length, blob));
            assertThrows(BackupProtocolException.class, () -> s.uploadChunk(false, 99, sha(plain), plain.length, blob.length, blob));

            s.uploadChunk(false, wid, sha(plain), plain.length, blob.length, blob);
            BackupProtocolException offset = assertThrows(BackupProtocolException.class,
                    () -> s.append(false, wid, List.of(sha(plain)), List.of(17L)));
            assertTrue(offset.getMessage().contains("strange chunk offset"), offset.getMessage());
            s.append(false, wid, List.of(sha(plain)), List.of(0L));
            assertThrows(BackupProtocolException.class, () -> s.closeIndex(false, wid, 1, 4000, new byte[32]));
            assertThrows(BackupProtocolException.class, () -> s.finish(), "no files yet");
            assertThrows(BackupProtocolException.class, () -> s.createDynamicIndex("../evil.didx"));
            assertThrows(BackupProtocolException.class, () -> s.createDynamicIndex("root.pxar"));
            assertThrows(BackupProtocolException.class, () -> s.uploadBlob("x.blob", 5, new byte[5]));
        }
        assertFalse(Files.exists(store.snapshotPath(snapshot(1000))));
    }

    @Test
    void fixedIndexFullThenIncremental() throws Exception {
        int cs = (int) BackupSession.FIXED_CHUNK_SIZE;
        byte[] a = data(cs, 5);
        byte[] b = data(1000, 6);
        byte[] csum;
        try (BackupSession s = BackupSession.start(store, snapshot(1000), OWNER, CLOCK)) {
            int wid = s.createFixedIndex("drive.img.fidx", cs + 1000L, null);
            for (byte[] c : new byte[][] {a, b}) {
                byte[] blob = chunkBlob(c);
                s.uploadChunk(true, wid, sha(c), c.length, blob.length, blob);
            }
            s.append(true, wid, List.of(sha(b), sha(a)), List.of((long) cs, 0L));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(sha(a));
            md.update(sha(b));
            csum = md.digest();
            assertThrows(BackupProtocolException.class, () -> s.closeIndex(true, wid, 2, cs + 999L, csum));
        }
        try (BackupSession s = BackupSession.start(store, snapshot(1000), OWNER, CLOCK)) {
            int wid = s.createFixedIndex("drive.img.fidx", cs + 1000L, null);
            for (byte[] c : new byte[][] {a, b}) {
                byte[] blob = chunkBlob(c);
                s.uploadChunk(true, wid, sha(c), c.length, blob.length, blob);
            }
            s.append(true, wid, List.of(sha(a), sha(b)), List.of(0L, (long) cs));
            s.closeIndex(true, wid, 2, cs + 1000L, csum);
            byte[] m = manifestBlob(snapshot(1000), List.of(new FileInfo("drive.img.fidx", CryptMode.NONE, cs + 1000L, csum)));
            s.uploadBlob("index.json.blob", m.length, m);
            s.finish();
        }
        String hex = java.util.HexFormat.of().formatHex(csum);
        try (BackupSession s = BackupSession.start(store, snapshot(2000), OWNER, CLOCK)) {
            assertThrows(BackupProtocolException.class, () -> s.createFixedIndex("drive.img.fidx", cs + 1000L, "00" + hex.substring(2)));
            int wid = s.createFixedIndex("drive.img.fidx", cs + 1000L, hex);
            byte[] b2 = data(1000, 7);
            byte[] blob = chunkBlob(b2);
            s.uploadChunk(true, wid, sha(b2), b2.length, blob.length, blob);
            s.append(true, wid, List.of(sha(b2)), List.of((long) cs));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(sha(a));
            md.update(sha(b2));
            byte[] csum2 = md.digest();
            s.closeIndex(true, wid, 1, cs + 1000L, csum2);
            byte[] m = manifestBlob(snapshot(2000), List.of(new FileInfo("drive.img.fidx", CryptMode.NONE, cs + 1000L, csum2)));
            s.uploadBlob("index.json.blob", m.length, m);
            s.finish();
        }
        FixedIndexV1 idx = FixedIndexV1.open(store.snapshotPath(snapshot(2000)).resolve("drive.img.fidx"));
        assertArrayEquals(sha(a), idx.digest(0));
    }

    @Test
    void oneWriterPerGroupOwnerCheckAndTimeOrder() throws Exception {
        backup(1000, new byte[][] {data(100, 1)}, true);
        try (BackupSession s = BackupSession.start(store, snapshot(2000), OWNER, CLOCK)) {
            BackupProtocolException busy = assertThrows(BackupProtocolException.class,
                    () -> BackupSession.start(store, snapshot(3000), OWNER, CLOCK));
            assertTrue(busy.getMessage().contains("another backup is already running"), busy.getMessage());
        }
        BackupProtocolException owner = assertThrows(BackupProtocolException.class,
                () -> BackupSession.start(store, snapshot(3000), "other@pbs", CLOCK));
        assertEquals(400, owner.status(), "a failed owner check is a plain error, not a privilege error");
        BackupProtocolException older = assertThrows(BackupProtocolException.class,
                () -> BackupSession.start(store, snapshot(500), OWNER, CLOCK));
        assertTrue(older.getMessage().contains("older than last backup"));
        assertEquals(400, assertThrows(BackupProtocolException.class,
                () -> BackupSession.start(store, snapshot(3000), OWNER + "!token", CLOCK)).status(),
                "a token may not write into its user's group");
        BackupGroup tokenGroup = new BackupGroup(BackupNamespace.ROOT, BackupType.VM, "100");
        try (BackupSession s = BackupSession.start(store, new BackupDir(tokenGroup, 10), OWNER + "!token", CLOCK)) {
            assertEquals(OWNER + "!token", store.owner(tokenGroup).orElseThrow());
        }
        try (BackupSession s = BackupSession.start(store, new BackupDir(tokenGroup, 20), OWNER, CLOCK)) {
            assertEquals(20, s.snapshot().time(), "the user may write into a group its token owns");
        }
        assertEquals(List.of(snapshot(1000)), store.listSnapshots(GROUP));
    }

    @Test
    void finishTwiceAndUploadsAfterFinishAreRefused() throws Exception {
        BackupDir dir = snapshot(1000);
        try (BackupSession s = BackupSession.start(store, dir, OWNER, CLOCK)) {
            byte[] m = manifestBlob(dir, List.of());
            s.uploadBlob("index.json.blob", m.length, m);
            s.finish();
            BackupProtocolException again = assertThrows(BackupProtocolException.class, s::finish);
            assertEquals("backup already marked as finished.", again.getMessage());
            assertThrows(BackupProtocolException.class, () -> s.createDynamicIndex("a.didx"));
        }
        assertTrue(store.isFinished(dir));
        DataBlob stored = DataBlobCodec.read(store.manifestPath(dir));
        assertTrue(stored.size() > 12);
    }
}
