package org.pbsj.core.testutil;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;

import org.pbsj.core.backup.BackupSession;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;

/**
 * Real snapshots for job tests, written through {@link BackupSession} exactly as a backup client
 * would: one dynamic index {@code root.pxar.didx} over the given chunks, and the manifest.
 * {@code TestBackups.backup(store, "ns/a/host/x/2024-01-01T00:00:00Z", chunk(1), chunk(2))}.
 */
public final class TestBackups {
    public static final String OWNER = "backup@pbs";

    private TestBackups() {
    }

    /** Deterministic chunk content; different seeds give different chunks. */
    public static byte[] chunk(int seed) {
        byte[] b = new byte[4096 + seed % 7 * 100];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seed * 17 + (i >> 9));
        }
        return b;
    }

    public static byte[] digest(byte[] plain) {
        return CryptConfig.sha256(plain);
    }

    /** Runs a finished backup of {@code chunks} to the snapshot at {@code path}; namespaces are created. */
    public static BackupDir backup(Datastore store, Clock clock, String path, byte[]... chunks) {
        BackupDir dir = BackupDir.parse(path);
        BackupNamespace ns = BackupNamespace.ROOT;
        for (String c : dir.ns().components()) {
            ns = ns.child(c);
            store.createNamespace(ns);
        }
        try (BackupSession s = BackupSession.start(store, dir, OWNER, clock)) {
            int wid = s.createDynamicIndex("root.pxar.didx");
            MessageDigest csum = MessageDigest.getInstance("SHA-256");
            long offset = 0;
            for (byte[] plain : chunks) {
                byte[] d = digest(plain);
                byte[] blob = DataBlobCodec.encode(plain, null, true).raw();
                s.uploadChunk(false, wid, d, plain.length, blob.length, blob);
                s.append(false, wid, List.of(d), List.of(offset));
                offset += plain.length;
                csum.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(offset).array());
                csum.update(d);
            }
            byte[] indexCsum = csum.digest();
            s.closeIndex(false, wid, chunks.length, offset, indexCsum);
            BackupManifest m = BackupManifest.create(dir.group().type().toString(), dir.group().id(), dir.time())
                    .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, offset, indexCsum));
            byte[] manifest = DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw();
            s.uploadBlob("index.json.blob", manifest.length, manifest);
            s.finish();
            return dir;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
