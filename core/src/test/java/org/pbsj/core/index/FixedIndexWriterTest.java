package org.pbsj.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.index.IndexFixtures.CTIME;
import static org.pbsj.core.index.IndexFixtures.UUID_1;
import static org.pbsj.core.testutil.TestInputs.inputA;
import static org.pbsj.core.testutil.TestInputs.sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixedIndexWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesToTempAndRenamesOnFinish() throws IOException {
        Path target = dir.resolve("drive-scsi0.img.fidx");
        try (FixedIndexWriter w = FixedIndexWriter.create(target, 1000, 256, UUID_1, CTIME)) {
            assertEquals(dir.resolve("drive-scsi0.img.tmp_fidx"), w.tempPath());
            assertTrue(Files.exists(w.tempPath()));
            assertEquals(4096 + 4 * 32, Files.size(w.tempPath()));
            assertFalse(Files.exists(target));
            for (int i = 0; i < 4; i++) {
                w.addDigest(i, sha256(new byte[] {(byte) i}));
            }
            IndexSummary s = w.finish(true);
            assertEquals(1000, s.size());
            assertEquals(4, s.chunkCount());
            assertFalse(Files.exists(w.tempPath()));
        }
        assertTrue(Files.exists(target));
        FixedIndexV1.open(target).sanityCheck();
    }

    @Test
    void closeWithoutFinishDeletesTempFile() throws IOException {
        Path target = dir.resolve("a.img.fidx");
        Path temp;
        try (FixedIndexWriter w = FixedIndexWriter.create(target, 1000, 256, UUID_1, CTIME)) {
            temp = w.tempPath();
            w.addDigest(0, sha256(new byte[1]));
        }
        assertFalse(Files.exists(temp));
        assertFalse(Files.exists(target));
    }

    @Test
    void finishReplacesExistingTargetAtomically() throws IOException {
        Path target = dir.resolve("a.img.fidx");
        IndexFixtures.writeFixed(target, inputA(1000), 256);
        IndexSummary second = IndexFixtures.writeFixed(target, inputA(2000), 256);
        FixedIndexV1 idx = FixedIndexV1.open(target);
        assertEquals(2000, idx.size());
        assertArrayEquals(second.csum(), idx.storedCsum());
    }

    @Test
    void chunksInAnyOrderGiveTheSameIndex() throws IOException {
        byte[] data = inputA(10_000);
        IndexSummary inOrder = IndexFixtures.writeFixed(dir.resolve("a.fidx"), data, 1024);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        Path target = dir.resolve("b.fidx");
        try (FixedIndexWriter w = FixedIndexWriter.create(target, data.length, 1024, UUID_1, CTIME)) {
            for (int i : order) {
                int start = i * 1024;
                int len = Math.min(1024, data.length - start);
                w.addChunk(start + len, len, sha256(data, start, len));
            }
            assertArrayEquals(inOrder.csum(), w.computeCsum());
            assertArrayEquals(inOrder.csum(), w.finish(false).csum());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.fidx")), Files.readAllBytes(target));
    }

    @Test
    void addChunkEnforcesServerChecks() throws IOException {
        byte[] d = sha256(new byte[0]);
        try (FixedIndexWriter w = FixedIndexWriter.create(dir.resolve("c.fidx"), 1000, 256, UUID_1, CTIME)) {
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(256, 0, d)); // empty chunk
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(512, 257, d)); // > chunk size
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(100, 200, d)); // end < len
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(1256, 256, d)); // beyond size
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(500, 100, d)); // short, not last
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(300, 256, d)); // unaligned start
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(256, 256, new byte[31]));
            assertThrows(IndexOutOfBoundsException.class, () -> w.addDigest(4, d));
            w.addChunk(1000, 232, d); // the short last chunk
            w.addChunk(256, 256, d);
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class,
                () -> FixedIndexWriter.create(dir.resolve("x.fidx"), -1, 256, UUID_1, CTIME));
        assertThrows(IllegalArgumentException.class,
                () -> FixedIndexWriter.create(dir.resolve("x.fidx"), 1000, 300, UUID_1, CTIME));
        assertThrows(IllegalArgumentException.class,
                () -> FixedIndexWriter.create(dir.resolve("x.fidx"), Long.MAX_VALUE, 1, UUID_1, CTIME));
        assertFalse(Files.exists(dir.resolve("x.tmp_fidx")));
    }

    @Test
    void incrementalCopyFromPreviousIndex() throws IOException {
        byte[] data = inputA(4096);
        Path prev = dir.resolve("prev.img.fidx");
        IndexFixtures.writeFixed(prev, data, 1024);
        FixedIndexV1 previous = FixedIndexV1.open(prev);
        data[1500] ^= 1; // chunk 1 changed
        Path next = dir.resolve("next.img.fidx");
        try (FixedIndexWriter w = FixedIndexWriter.create(next, data.length, 1024, UUID_1, CTIME)) {
            w.copyFrom(previous);
            w.addChunk(2048, 1024, sha256(data, 1024, 1024));
            w.finish(false);
        }
        FixedIndexV1 idx = FixedIndexV1.open(next);
        assertArrayEquals(previous.digest(0), idx.digest(0));
        assertArrayEquals(sha256(data, 1024, 1024), idx.digest(1));
        assertArrayEquals(previous.digest(3), idx.digest(3));
        idx.sanityCheck();
        try (FixedIndexWriter w = FixedIndexWriter.create(dir.resolve("z.fidx"), 8192, 1024, UUID_1, CTIME)) {
            assertThrows(IllegalArgumentException.class, () -> w.copyFrom(previous));
        }
    }

    @Test
    void finishTwiceIsRejected() throws IOException {
        FixedIndexWriter w = FixedIndexWriter.create(dir.resolve("f.fidx"), 0, 256, Clock.fixed(
                Instant.ofEpochSecond(CTIME), ZoneOffset.UTC));
        w.finish(false);
        assertThrows(IllegalStateException.class, () -> w.finish(false));
        w.close();
        assertEquals(CTIME, FixedIndexV1.open(dir.resolve("f.fidx")).ctime());
    }
}
