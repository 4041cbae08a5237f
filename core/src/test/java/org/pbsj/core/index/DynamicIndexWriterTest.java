package org.pbsj.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.index.IndexFixtures.CTIME;
import static org.pbsj.core.index.IndexFixtures.UUID_1;
import static org.pbsj.core.testutil.TestInputs.sha256;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicIndexWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesToTempAndRenamesOnFinish() throws IOException {
        Path target = dir.resolve("catalog.pcat1.didx");
        try (DynamicIndexWriter w = DynamicIndexWriter.create(target, UUID_1, CTIME)) {
            assertEquals(dir.resolve("catalog.pcat1.tmp_didx"), w.tempPath());
            assertTrue(Files.exists(w.tempPath()));
            w.add(10, sha256(new byte[] {1}));
            w.finish(true);
            assertFalse(Files.exists(w.tempPath()));
        }
        assertEquals(4096 + 40, Files.size(target));
    }

    @Test
    void closeWithoutFinishDeletesTempFile() throws IOException {
        Path target = dir.resolve("root.pxar.didx");
        try (DynamicIndexWriter w = DynamicIndexWriter.create(target, UUID_1, CTIME)) {
            w.add(10, sha256(new byte[] {1}));
        }
        assertFalse(Files.exists(dir.resolve("root.pxar.tmp_didx")));
        assertFalse(Files.exists(target));
    }

    @Test
    void manyEntriesRoundTrip() throws IOException {
        // more entries than one write buffer holds
        Path target = dir.resolve("big.didx");
        ByteBuffer expectedBody = ByteBuffer.allocate(5000 * 40).order(ByteOrder.LITTLE_ENDIAN);
        IndexSummary s;
        try (DynamicIndexWriter w = DynamicIndexWriter.create(target, Clock.fixed(
                Instant.ofEpochSecond(CTIME), ZoneOffset.UTC))) {
            long end = 0;
            for (int i = 0; i < 5000; i++) {
                byte[] d = sha256(new byte[] {(byte) i, (byte) (i >> 8)});
                w.addChunk(end, 1 + i % 77, d);
                end += 1 + i % 77;
                expectedBody.putLong(end).put(d);
                assertEquals(end, w.size());
            }
            assertEquals(5000, w.count());
            s = w.finish(false);
        }
        DynamicIndexV1 idx = DynamicIndexV1.open(target);
        assertEquals(5000, idx.count());
        assertEquals(s.size(), idx.size());
        assertEquals(CTIME, idx.ctime());
        assertArrayEquals(sha256(expectedBody.array()), s.csum());
        assertArrayEquals(s.csum(), idx.storedCsum());
        idx.sanityCheck();
        byte[] raw = Files.readAllBytes(target);
        assertArrayEquals(expectedBody.array(), java.util.Arrays.copyOfRange(raw, 4096, raw.length));
    }

    @Test
    void rejectsOutOfOrderEntries() throws IOException {
        try (DynamicIndexWriter w = DynamicIndexWriter.create(dir.resolve("o.didx"), UUID_1, CTIME)) {
            byte[] d = sha256(new byte[0]);
            assertThrows(IllegalArgumentException.class, () -> w.add(0, d));
            w.add(100, d);
            assertThrows(IllegalArgumentException.class, () -> w.add(100, d));
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(99, 10, d));
            assertThrows(IllegalArgumentException.class, () -> w.addChunk(100, 0, d));
            assertThrows(IllegalArgumentException.class, () -> w.add(200, new byte[16]));
            w.addChunk(100, 10, d);
            assertEquals(110, w.size());
        }
    }

    @Test
    void finishTwiceIsRejected() throws IOException {
        DynamicIndexWriter w = DynamicIndexWriter.create(dir.resolve("t.didx"), UUID_1, CTIME);
        w.finish(false);
        assertThrows(IllegalStateException.class, () -> w.finish(false));
        assertThrows(IllegalStateException.class, () -> w.add(1, new byte[32]));
        w.close();
        assertTrue(Files.exists(dir.resolve("t.didx")));
    }
}
