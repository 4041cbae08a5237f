package org.pbsj.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.jna.LastErrorException;

class LibCTest {
    @TempDir
    Path dir;

    @Test
    void bindingLoadsOnThisPlatform() {
        assertTrue(LibC.available(), () -> "JNA libc binding failed: " + LibC.loadError());
    }

    @Test
    void touchAtimeKeepsMtime() throws Exception {
        Path f = Files.write(dir.resolve("f"), new byte[1]);
        FileTime old = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
        Files.setLastModifiedTime(f, old);
        Files.setAttribute(f, "lastAccessTime", old);
        assertTrue(LibC.touchAtime(LibC.cPath(f)));
        assertEquals(old, Files.getLastModifiedTime(f));
        FileTime atime = (FileTime) Files.getAttribute(f, "lastAccessTime");
        assertTrue(atime.compareTo(old) > 0);
        assertFalse(LibC.touchAtime(LibC.cPath(dir.resolve("missing"))));
    }

    @Test
    void flockConflictsBetweenTwoDescriptorsOfOneProcess() {
        byte[] p = LibC.cPath(dir);
        int a = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        int b = LibC.open(p, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        try {
            LibC.flock(a, LibC.LOCK_EX | LibC.LOCK_NB);
            LastErrorException e = assertThrows(LastErrorException.class,
                    () -> LibC.flock(b, LibC.LOCK_SH | LibC.LOCK_NB));
            assertEquals(LibC.EAGAIN, e.getErrorCode());
            LibC.flock(a, LibC.LOCK_UN);
            LibC.flock(b, LibC.LOCK_SH | LibC.LOCK_NB);
        } finally {
            LibC.closeQuietly(a);
            LibC.closeQuietly(b);
        }
    }

    @Test
    void openReportsErrno() {
        LastErrorException e = assertThrows(LastErrorException.class,
                () -> LibC.open(LibC.cPath(dir.resolve("missing")), LibC.O_RDONLY, 0));
        assertEquals(LibC.ENOENT, e.getErrorCode());
    }
}
