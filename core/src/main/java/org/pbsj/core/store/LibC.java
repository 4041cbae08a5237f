package org.pbsj.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few libc calls Java lacks, bound with JNA direct mapping (~2 µs a call, see TOOLCHAIN.md):
 * {@code flock} for directory locks, {@code fcntl(F_SETLK)} for the chunk-store process lock,
 * {@code utimensat} for atime-only touches and {@code syncfs}. Linux only (x86_64 / aarch64
 * constants). Callers must check {@link #available()} and fall back when JNA cannot load.
 *
 * <p>Paths are passed as NUL-terminated byte arrays ({@link #cPath}) so that hot callers can
 * pre-encode them.
 */
public final class LibC {
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_APPEND = 02000;
    public static final int O_CLOEXEC = 02000000;
    /** Differs between x86 and the generic (aarch64) ABI; no JNA class here so a missing jar still loads. */
    public static final int O_DIRECTORY =
            System.getProperty("os.arch", "").startsWith("aarch64") ? 040000 : 0200000;

    public static final int LOCK_SH = 1;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;

    public static final int F_SETLK = 6;
    public static final short F_RDLCK = 0;
    public static final short F_WRLCK = 1;
    public static final short F_UNLCK = 2;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final long UTIME_NOW = 0x3FFFFFFFL;
    public static final long UTIME_OMIT = 0x3FFFFFFEL;

    public static final int ENOENT = 2;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;

    private static final boolean AVAILABLE;
    private static final Throwable LOAD_ERROR;

    static {
        Throwable error = null;
        boolean ok = false;
        try {
            if (Platform.isLinux()) {
                Native.register(LibC.class, Platform.C_LIBRARY_NAME);
                ok = true;
            } else {
                error = new UnsupportedOperationException("libc binding is Linux only");
            }
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: fall back, never fail
            error = t;
        }
        AVAILABLE = ok;
        LOAD_ERROR = error;
    }

    private LibC() {
    }

    /** True when the native binding loaded; otherwise the callers' pure-Java fallbacks apply. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Why the binding did not load, or null. */
    public static Throwable loadError() {
        return LOAD_ERROR;
    }

    /** NUL-terminated encoding of a path for the calls below. */
    public static byte[] cPath(Path path) {
        byte[] b = path.toString().getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, b.length);
        return c;
    }

    // Direct-mapped natives: a failing call throws LastErrorException carrying errno.
    public static native int open(byte[] path, int flags, int mode) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static native int flock(int fd, int operation) throws LastErrorException;

    public static native int syncfs(int fd) throws LastErrorException;

    private static native int fcntl(int fd, int cmd, byte[] flock) throws LastErrorException;

    private static native int utimensat(int dirfd, byte[] path, long[] times, int flags)
            throws LastErrorException;

    /**
     * Whole-file POSIX record lock, never blocking: {@code fcntl(fd, F_SETLK, {type, SEEK_SET,
     * 0, 0})}. Layout of {@code struct flock} on LP64 Linux: short type, short whence, 4 bytes
     * padding, off_t start, off_t len, pid_t pid, padding (32 bytes).
     */
    public static void setRecordLock(int fd, short type) throws LastErrorException {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        b.putShort(0, type).putShort(2, (short) 0).putLong(8, 0).putLong(16, 0);
        fcntl(fd, F_SETLK, b.array());
    }

    /**
     * Sets atime to now and leaves mtime alone, without following symlinks (PBS {@code touch}).
     * Returns false if the file does not exist.
     */
    public static boolean touchAtime(byte[] cPath) throws LastErrorException {
        try {
            utimensat(AT_FDCWD, cPath, new long[] {0, UTIME_NOW, 0, UTIME_OMIT}, AT_SYMLINK_NOFOLLOW);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOENT) {
                return false;
            }
            throw e;
        }
    }

    /** Closes quietly; used on error paths and from close() methods. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                close(fd);
            } catch (LastErrorException ignored) {
                // nothing sensible to do: the descriptor is gone either way on Linux
            }
        }
    }
}
