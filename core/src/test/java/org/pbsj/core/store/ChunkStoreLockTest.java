package org.pbsj.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-process bookkeeping of the chunk-store lock, and — with a child JVM, since POSIX record
 * locks never conflict within one process — the cross-process rules of datastore-layout.md §8.1.
 */
class ChunkStoreLockTest {
    @TempDir
    Path dir;

    @Test
    void oneInstancePerFilePerProcess() {
        Path f = dir.resolve(".lock");
        ChunkStoreLock a = ChunkStoreLock.acquire(f);
        ChunkStoreLock b = ChunkStoreLock.acquire(dir.resolve("x/../.lock"));
        assertSame(a, b);
        assertTrue(Files.exists(f), "created if missing");
        a.release();
        assertTrue(ChunkStoreLock.isOpen(f));
        b.release();
        assertFalse(ChunkStoreLock.isOpen(f));
    }

    @Test
    void bookkeepingFollowsPbs() {
        ChunkStoreLock lock = ChunkStoreLock.acquire(dir.resolve(".lock"));
        try {
            ChunkStoreLock.Guard s1 = lock.shared(200);
            ChunkStoreLock.Guard s2 = lock.shared(100);
            assertEquals(OptionalLong.of(100), lock.oldestShared());
            ChunkStoreLock.Guard x = lock.exclusive();
            assertThrows(LockedException.class, lock::exclusive);
            x.close();
            x.close(); // idempotent
            assertFalse(lock.exclusiveHeld());
            s2.close();
            assertEquals(OptionalLong.of(200), lock.oldestShared());
            s1.close();
            assertEquals(OptionalLong.empty(), lock.oldestShared());
            assertEquals(0, lock.sharedCount());
        } finally {
            lock.release();
        }
    }

    private static Process holder(Path lockFile, String mode) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", cp, LockHolder.class.getName(), lockFile.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return r.readLine();
    }

    private static void stop(Process p) throws Exception {
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void otherProcessesConflictAsInPbs() throws Exception {
        assumeTrue(LibC.available(), "needs the fcntl binding");
        Path f = dir.resolve(".lock");
        ChunkStoreLock lock = ChunkStoreLock.acquire(f);
        try {
            // another process holds a shared lock (a writer): our GC cannot start, our writers can
            Process writer = holder(f, "shared");
            try {
                assertEquals("LOCKED", firstLine(writer));
                assertThrows(LockedException.class, lock::exclusive);
                lock.shared(1).close();
            } finally {
                stop(writer);
            }
            // after it is gone, GC works; while our GC runs, the other process can take nothing
            try (ChunkStoreLock.Guard gc = lock.exclusive()) {
                for (String mode : List.of("shared", "exclusive")) {
                    Process other = holder(f, mode);
                    assertEquals("FAILED", firstLine(other));
                    stop(other);
                }
            }
        } finally {
            lock.release();
        }
    }
}
