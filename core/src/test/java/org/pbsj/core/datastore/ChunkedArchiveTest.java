package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.index.DynamicIndexWriter;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.store.ChunkNotFoundException;

class ChunkedArchiveTest {
    @TempDir
    Path dir;
    TestDatastore t;
    byte[] data;

    @BeforeEach
    void setUp() {
        t = TestDatastore.in(dir);
        data = new byte[250_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + (i >> 9));
        }
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    /** A dynamic index over {@code data} cut into {@code piece}-sized chunks, all stored. */
    private IndexFile index(int piece, boolean storeChunks) throws Exception {
        Path p = dir.resolve("test.didx");
        try (DynamicIndexWriter w = DynamicIndexWriter.create(p, Clock.fixed(TestDatastore.NOW, ZoneOffset.UTC))) {
            for (int off = 0; off < data.length; off += piece) {
                byte[] c = Arrays.copyOfRange(data, off, Math.min(data.length, off + piece));
                byte[] digest = CryptConfig.sha256(c);
                if (storeChunks) {
                    t.store.chunkStore().insert(digest, DataBlobCodec.encode(c, null, true).raw());
                }
                w.add(off + c.length, digest);
            }
            w.finish(false);
        }
        return IndexFile.open(p);
    }

    @Test
    void copyToReassemblesTheArchive() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ChunkedArchive(index(64 * 1024, true), t.store.chunkStore()).copyTo(out);
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void positionalReadsCrossChunkBoundariesAndStopAtTheEnd() throws Exception {
        ChunkedArchive a = new ChunkedArchive(index(10_000, true), t.store.chunkStore());
        byte[] buf = new byte[25_000];
        assertEquals(25_000, a.read(9_990, buf, 0, buf.length));
        assertArrayEquals(Arrays.copyOfRange(data, 9_990, 34_990), buf);
        ByteBuffer tail = ByteBuffer.allocate(100);
        assertEquals(10, a.read(data.length - 10, tail));
        assertEquals(-1, a.read(data.length, tail));
        assertEquals(data.length, a.size());
    }

    @Test
    void missingOrWrongChunksFail() throws Exception {
        ChunkedArchive missing = new ChunkedArchive(index(64 * 1024, false), t.store.chunkStore());
        assertThrows(ChunkNotFoundException.class, () -> missing.copyTo(new ByteArrayOutputStream()));

        IndexFile idx = index(64 * 1024, true);
        // replace chunk 0 by other (validly encoded) content under the same digest
        byte[] digest = idx.digest(0);
        t.store.chunkStore().remove(digest);
        t.store.chunkStore().insert(digest, DataBlobCodec.encode(new byte[64 * 1024], null, true).raw());
        ChunkedArchive wrong = new ChunkedArchive(idx, t.store.chunkStore());
        assertThrows(ChecksumMismatchException.class, () -> wrong.chunk(0));
    }
}
