package org.pbsj.core.datastore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.pbsj.core.store.LibC;
import org.pbsj.core.store.LockedException;

import com.sun.jna.LastErrorException;

/**
 * A BSD {@code flock} held on an open descriptor (datastore-layout.md §8.2/§8.3): directory
 * locks of groups and snapshots, and the manifest lock file. flock belongs to the open file
 * description, so two {@code Flock}s in one JVM conflict exactly as two PBS processes do.
 * Released by {@link #close()}.
 *
 * <p>Without JNA the same semantics are kept inside this JVM only (a table keyed by the file's
 * device+inode); such locks are invisible to other processes ({@link Datastore#open} warns).
 */
public final class Flock implements AutoCloseable {
    public enum Mode { SHARED, EXCLUSIVE }

    private static final Map<Object, int[]> FALLBACK = new HashMap<>(); // key -> {shared count, exclusive}

    private final Path path;
    private final Object fallbackKey;
    private int fd;
    private Mode mode;

    private Flock(Path path, int fd, Object fallbackKey, Mode mode) {
        this.path = path;
        this.fd = fd;
        this.fallbackKey = fallbackKey;
        this.mode = mode;
    }

    /**
     * Never blocks. Fails with "unable to acquire lock on {what} directory {path} - {busy}" if
     * someone holds a conflicting lock.
     */
    public static Flock tryLockDirectory(Path dir, Mode mode, String what, String busyMessage) {
        String failure = "unable to acquire lock on " + what + " directory - " + busyMessage;
        if (LibC.available()) {
            int fd = openNative(dir, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
            if (!flockNative(fd, mode, dir, failure)) {
                LibC.closeQuietly(fd);
                throw new LockedException(dir, failure);
            }
            return new Flock(dir, fd, null, mode);
        }
        return fallbackLock(dir, mode, failure);
    }

    /** Exclusive lock of an existing file, retrying for up to {@code timeout} (manifest lock: 5 s). */
    public static Flock lockFile(Path file, Duration timeout, String what) {
        String failure = "unable to acquire " + what + " lock within " + timeout.toSeconds() + " s";
        long deadline = System.nanoTime() + timeout.toNanos();
        int fd = LibC.available() ? openNative(file, LibC.O_RDWR | LibC.O_APPEND | LibC.O_CLOEXEC) : -1;
        while (true) {
            try {
                if (fd >= 0) {
                    if (flockNative(fd, Mode.EXCLUSIVE, file, failure)) {
                        return new Flock(file, fd, null, Mode.EXCLUSIVE);
                    }
                } else {
                    return fallbackLock(file, Mode.EXCLUSIVE, failure);
                }
            } catch (LockedException e) {
                if (fd >= 0) {
                    throw e;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                LibC.closeQuietly(fd);
                throw new LockedException(file, failure);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LibC.closeQuietly(fd);
                throw new LockedException(file, failure + " (interrupted)");
            }
        }
    }

    private static int openNative(Path p, int flags) {
        try {
            return LibC.open(LibC.cPath(p), flags, 0);
        } catch (LastErrorException e) {
            IOException io = e.getErrorCode() == LibC.ENOENT ? new NoSuchFileException(p.toString())
                    : new IOException("cannot open " + p + ": errno " + e.getErrorCode());
            throw new UncheckedIOException(io);
        }
    }

    /** True if locked, false if it would block; other errors throw. */
    private static boolean flockNative(int fd, Mode mode, Path p, String failure) {
        try {
            LibC.flock(fd, (mode == Mode.SHARED ? LibC.LOCK_SH : LibC.LOCK_EX) | LibC.LOCK_NB);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EAGAIN) {
                return false;
            }
            LibC.closeQuietly(fd);
            throw new LockedException(p, failure + " (errno " + e.getErrorCode() + ")", e);
        }
    }

    private static Flock fallbackLock(Path p, Mode mode, String failure) {
        Object key;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            key = a.fileKey() != null ? a.fileKey() : p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (FALLBACK) {
            int[] s = FALLBACK.computeIfAbsent(key, k -> new int[2]);
            if (s[1] > 0 || (mode == Mode.EXCLUSIVE && s[0] > 0)) {
                throw new LockedException(p, failure);
            }
            s[mode == Mode.SHARED ? 0 : 1]++;
        }
        return new Flock(p, -1, key, mode);
    }

    public Path path() {
        return path;
    }

    public synchronized Mode mode() {
        return mode;
    }

    /** Exclusive → shared (a finished backup that is verified next keeps readers-only access). */
    public synchronized void downgrade() {
        if (mode != Mode.EXCLUSIVE) {
            return;
        }
        if (fd >= 0) {
            try {
                LibC.flock(fd, LibC.LOCK_SH | LibC.LOCK_NB);
            } catch (LastErrorException e) {
                throw new LockedException(path, "cannot downgrade lock (errno " + e.getErrorCode() + ")", e);
            }
        } else if (fallbackKey != null) {
            synchronized (FALLBACK) {
                int[] s = FALLBACK.get(fallbackKey);
                s[1]--;
                s[0]++;
            }
        }
        mode = Mode.SHARED;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            LibC.closeQuietly(fd); // closing the description releases the flock
            fd = -1;
        } else if (fallbackKey != null && mode != null) {
            synchronized (FALLBACK) {
                int[] s = FALLBACK.get(fallbackKey);
                s[mode == Mode.SHARED ? 0 : 1]--;
                if (s[0] == 0 && s[1] == 0) {
                    FALLBACK.remove(fallbackKey);
                }
            }
        }
        mode = null;
    }
}
