package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.store.LockedException;

/** flock is per open file description, so these in-JVM conflicts are exactly PBS's inter-process ones. */
class FlockTest {
    @TempDir
    Path dir;

    @Test
    void exclusiveExcludesEverything() {
        try (Flock x = Flock.tryLockDirectory(dir, Flock.Mode.EXCLUSIVE, "snapshot", "busy")) {
            LockedException e = assertThrows(LockedException.class,
                    () -> Flock.tryLockDirectory(dir, Flock.Mode.SHARED, "snapshot", "busy"));
            assertTrue(e.getMessage().contains("unable to acquire lock on snapshot directory - busy"), e.getMessage());
            assertEquals(dir, e.path());
        }
        Flock.tryLockDirectory(dir, Flock.Mode.EXCLUSIVE, "snapshot", "busy").close();
    }

    @Test
    void sharedLocksCoexistAndDowngradeAdmitsReaders() {
        try (Flock a = Flock.tryLockDirectory(dir, Flock.Mode.SHARED, "snapshot", "busy");
                Flock b = Flock.tryLockDirectory(dir, Flock.Mode.SHARED, "snapshot", "busy")) {
            assertThrows(LockedException.class, () -> Flock.tryLockDirectory(dir, Flock.Mode.EXCLUSIVE, "s", "busy"));
        }
        try (Flock w = Flock.tryLockDirectory(dir, Flock.Mode.EXCLUSIVE, "snapshot", "busy")) {
            w.downgrade();
            assertEquals(Flock.Mode.SHARED, w.mode());
            Flock.tryLockDirectory(dir, Flock.Mode.SHARED, "snapshot", "busy").close();
        }
    }

    @Test
    void fileLockTimesOut() throws IOException {
        Path f = Files.createFile(dir.resolve("x.lck"));
        try (Flock held = Flock.lockFile(f, Duration.ofSeconds(1), "manifest")) {
            LockedException e = assertThrows(LockedException.class,
                    () -> Flock.lockFile(f, Duration.ofMillis(50), "manifest"));
            assertTrue(e.getMessage().contains("manifest lock"), e.getMessage());
        }
        Flock.lockFile(f, Duration.ofMillis(50), "manifest").close();
    }

    @Test
    void missingDirectory() {
        assertThrows(UncheckedIOException.class,
                () -> Flock.tryLockDirectory(dir.resolve("missing"), Flock.Mode.SHARED, "snapshot", "busy"));
    }
}
