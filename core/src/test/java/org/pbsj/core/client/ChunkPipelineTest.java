package org.pbsj.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.chunker.BuzhashChunker;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.index.DynamicIndexV1;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.SyncLevel;

/** The dynamic upload path against the spec's golden index ({@code index-formats.md} §4). */
class ChunkPipelineTest {
    @TempDir
    Path tmp;

    static byte[] inputA() {
        ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 262144; i++) {
            b.putInt(i);
        }
        return b.array();
    }

    @Test
    void dynamicStreamMatchesTheSpecIndexAndDeduplicatesRepeats() throws Exception {
        Files.createDirectories(tmp.resolve("store/.chunks"));
        BackupDir dir = BackupGroup.parse("host/pipe").snapshot(1700000000);
        try (LocalRepository repo = LocalRepository.open(tmp.resolve("store"), Clock.systemUTC(), SyncLevel.NONE);
                LocalBackupTarget target = repo.startBackup(dir);
                ChunkPipeline p = new ChunkPipeline(target, null, 2, 1 << 20, Progress.silent())) {
            ChunkingOutputStream out = new ChunkingOutputStream(IndexUpload.dynamic(p, "a.pxar.didx"),
                    new BuzhashChunker(64 * 1024));
            byte[] a = inputA();
            for (int off = 0; off < a.length; off += 10007) { // odd write sizes: boundaries must not move
                out.write(a, off, Math.min(10007, a.length - off));
            }
            out.close();
            assertEquals("36c80f3493139f29c19f20073e97620d09501ee42fa4e0111368dba3c1002d8a",
                    HexFormat.of().formatHex(out.result().csum()));
            assertEquals(5, out.result().uploadedChunks());

            // one random block eight times: after the first boundary inside each repeat the chunker
            // cuts the same chunks again, which are then known and neither encoded nor uploaded
            byte[] block = new byte[300_000];
            new java.util.Random(9).nextBytes(block);
            ChunkingOutputStream twice = new ChunkingOutputStream(IndexUpload.dynamic(p, "b.pxar.didx"),
                    new BuzhashChunker(64 * 1024));
            for (int i = 0; i < 8; i++) {
                twice.write(block);
            }
            twice.close();
            ArchiveStats s = twice.result();
            assertEquals(8L * block.length, s.size());
            assertEquals(true, s.uploadedChunks() < s.chunks(), s.uploadedChunks() + " of " + s.chunks());

            BackupManifest m = BackupManifest.create("host", "pipe", 1700000000)
                    .withFile(new org.pbsj.core.manifest.FileInfo("a.pxar.didx", org.pbsj.core.crypto.CryptMode.NONE,
                            out.result().size(), out.result().csum()))
                    .withFile(new org.pbsj.core.manifest.FileInfo("b.pxar.didx", org.pbsj.core.crypto.CryptMode.NONE,
                            s.size(), s.csum()));
            target.uploadBlob("index.json.blob", DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
            target.finish();
            DynamicIndexV1 idx = DynamicIndexV1.open(repo.datastore().snapshotPath(dir).resolve("b.pxar.didx"));
            assertEquals(8L * block.length, idx.size());
        }
    }
}
