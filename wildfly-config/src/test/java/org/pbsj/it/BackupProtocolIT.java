package org.pbsj.it;

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
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

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
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.protocol.ProtocolException;
import org.pbsj.protocol.ReaderClient;
import org.pbsj.protocol.SessionEndpoint;

/**
 * The backup and reader protocols end to end over TLS: upgrade, HTTP/2 requests through
 * Undertow's HTTP/2 server, snapshot visible only after finish, removal on disconnect.
 */
class BackupProtocolIT {
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

    private static SessionEndpoint manager() throws Exception {
        return new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL,
                Auth.ApiToken.parse(Files.readString(ItServer.HOME.resolve("data/pbsj-etc/manager.token"))));
    }

    private static byte[] data(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 7 + seed + (i >> 11));
        }
        return b;
    }

    private static BackupDir snapshot(String id, long time) {
        return new BackupDir(new BackupGroup(BackupNamespace.ROOT, BackupType.HOST, id), time);
    }

    private static Path store1() {
        return ItServer.HOME.resolve("datastores/store1");
    }

    /** Uploads {@code chunks} as one dynamic archive, plus manifest; finishes if asked. */
    private static void backup(RemoteBackupTarget t, BackupDir dir, byte[][] chunks, boolean finish) throws Exception {
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
        BackupManifest m = BackupManifest.create("host", dir.group().id(), dir.time())
                .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, offset, sum));
        t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
        if (finish) {
            t.finish();
        }
    }

    @Test
    void backupThenRestoreThroughTheReaderProtocol() throws Exception {
        BackupDir dir = snapshot("proto1", 1_700_000_000L);
        byte[][] chunks = {data(1 << 20, 1), data(3 << 20, 2), data(12345, 3)};
        try (RemoteBackupTarget t = RemoteBackupTarget.open(manager(), "store1", dir, false)) {
            assertEquals(Optional.empty(), t.previousBackupTime());
            backup(t, dir, chunks, true);
        }
        assertTrue(Files.exists(store1().resolve("host/proto1/2023-11-14T22:13:20Z/index.json.blob")));
        try (ReaderClient r = ReaderClient.open(manager(), "store1", dir)) {
            byte[] manifest = DataBlobCodec.decode(DataBlobCodec.load(r.download("index.json.blob"), "manifest"), null, null);
            assertTrue(ManifestCodec.parse(manifest).unprotected().containsKey("chunk_upload_stats"));
            byte[] index = r.download("root.pxar.didx");
            assertTrue(index.length > 4096);
            byte[] digest = CryptConfig.sha256(chunks[1]);
            byte[] chunk = r.chunk(digest);
            assertArrayEquals(chunks[1], DataBlobCodec.decode(DataBlobCodec.load(chunk, "chunk"), null, digest));
            ProtocolException notAllowed = assertThrows(ProtocolException.class, () -> r.chunk(new byte[32]));
            assertEquals(401, notAllowed.status());
        }
        // a second backup reuses the chunks of the first without uploading them
        BackupDir second = snapshot("proto1", 1_700_000_100L);
        try (RemoteBackupTarget t = RemoteBackupTarget.open(manager(), "store1", second, false)) {
            assertEquals(Optional.of(1_700_000_000L), t.previousBackupTime());
            assertThrows(ProtocolException.class, () -> {
                int wid = t.createDynamicIndex("other.didx");
                t.append(false, wid, List.of(CryptConfig.sha256(chunks[0])), List.of(0L));
            }, "chunks are not known before /previous");
            t.downloadPrevious("root.pxar.didx");
            int wid = t.createDynamicIndex("root.pxar.didx");
            t.append(false, wid, List.of(CryptConfig.sha256(chunks[0])), List.of(0L));
        }
    }

    @Test
    void disconnectBeforeFinishRemovesTheSnapshot() throws Exception {
        BackupDir dir = snapshot("proto2", 1_700_000_000L);
        RemoteBackupTarget t = RemoteBackupTarget.open(manager(), "store1", dir, false);
        backup(t, dir, new byte[][] {data(100_000, 4)}, false);
        Path snap = store1().resolve("host/proto2/2023-11-14T22:13:20Z");
        assertTrue(Files.isDirectory(snap));
        t.close();
        for (int i = 0; i < 100 && Files.exists(snap); i++) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(snap), "unfinished snapshot must be removed after the disconnect");
        // and the group lock is free again
        try (RemoteBackupTarget again = RemoteBackupTarget.open(manager(), "store1", snapshot("proto2", 1_700_000_001L), false)) {
            backup(again, snapshot("proto2", 1_700_000_001L), new byte[][] {data(1000, 5)}, true);
        }
    }

    @Test
    void badRequestsFailAloneAndTheSessionGoesOn() throws Exception {
        BackupDir dir = snapshot("proto3", 1_700_000_000L);
        try (RemoteBackupTarget t = RemoteBackupTarget.open(manager(), "store1", dir, false)) {
            int wid = t.createDynamicIndex("root.pxar.didx");
            byte[] c = data(5000, 6);
            ProtocolException wrongDigest = assertThrows(ProtocolException.class,
                    () -> t.uploadChunk(false, wid, new byte[32], c.length, DataBlobCodec.encode(c, null, true).raw()));
            assertEquals(400, wrongDigest.status());
            assertThrows(ProtocolException.class, () -> t.createDynamicIndex("../escape.didx"));
            ProtocolException busy = assertThrows(ProtocolException.class,
                    () -> RemoteBackupTarget.open(manager(), "store1", snapshot("proto3", 1_700_000_005L), false));
            assertTrue(busy.getMessage().contains("another backup is already running"), busy.getMessage());
            // the same writer still works after the failed requests
            byte[] digest = CryptConfig.sha256(c);
            t.uploadChunk(false, wid, digest, c.length, DataBlobCodec.encode(c, null, true).raw());
            t.append(false, wid, List.of(digest), List.of(0L));
            MessageDigest csum = MessageDigest.getInstance("SHA-256");
            csum.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(c.length).array());
            csum.update(digest);
            byte[] sum = csum.digest();
            assertThrows(ProtocolException.class, () -> t.closeIndex(false, wid, 1, c.length, new byte[32]),
                    "a wrong checksum fails the close");
            int wid2 = t.createDynamicIndex("root.pxar.didx");
            t.append(false, wid2, List.of(digest), List.of(0L));
            t.closeIndex(false, wid2, 1, c.length, sum);
            BackupManifest m = BackupManifest.create("host", "proto3", dir.time())
                    .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, c.length, sum));
            t.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
            t.finish();
        }
    }

    @Test
    void upgradeNeedsCredentialsAndPrivileges() throws Exception {
        SessionEndpoint anonymous = new SessionEndpoint("localhost", ItServer.PORT, TRUST_ALL, Auth.NONE);
        ProtocolException noAuth = assertThrows(ProtocolException.class,
                () -> RemoteBackupTarget.open(anonymous, "store1", snapshot("x", 1), false));
        assertEquals(401, noAuth.status());
        ProtocolException noStore = assertThrows(ProtocolException.class,
                () -> RemoteBackupTarget.open(manager(), "nostore", snapshot("x", 1), false));
        assertEquals(404, noStore.status());
        ProtocolException badType = assertThrows(ProtocolException.class,
                () -> ReaderClient.open(manager(), "store1", snapshot("does-not-exist", 5)));
        assertEquals(404, badType.status());
    }
}
