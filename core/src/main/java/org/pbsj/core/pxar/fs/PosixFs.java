package org.pbsj.core.pxar.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls the pxar archiver and extractor need, bound with JNA direct mapping. All names
 * are raw bytes relative to a directory descriptor ({@code *at} calls), so non-UTF-8 names and
 * paths longer than PATH_MAX work and symlinks in the tree are never followed by accident.
 * Linux only (x86_64 and aarch64 constants); a failing call throws {@link LastErrorException}.
 */
public final class PosixFs {
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_EMPTY_PATH = 0x1000;

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;
    private static final boolean AARCH64 = System.getProperty("os.arch", "").startsWith("aarch64");
    public static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
    public static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;

    public static final int ENOENT = 2;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;

    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final long FS_IOC_GETFLAGS = 0x80086601L;
    private static final long FS_IOC_SETFLAGS = 0x40086602L;
    private static final long FS_IOC_FSGETXATTR = 0x801c581fL;
    private static final int XATTR_LIST_MAX = 1 << 16;
    private static final int XATTR_VALUE_MAX = 1 << 16;

    static {
        if (!Platform.isLinux()) {
            throw new UnsupportedOperationException("pxar filesystem access is Linux only");
        }
        Native.register(PosixFs.class, Platform.C_LIBRARY_NAME);
    }

    private PosixFs() {
    }

    private static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buf) throws LastErrorException;

    public static native int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    private static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    private static native long pwrite(int fd, byte[] buf, long count, long offset) throws LastErrorException;

    public static native int ftruncate(int fd, long length) throws LastErrorException;

    private static native Pointer fdopendir(int fd) throws LastErrorException;

    private static native Pointer readdir64(Pointer dir); // NULL at the end without errno: no errno check

    private static native int closedir(Pointer dir);

    private static native long readlinkat(int dirfd, byte[] path, byte[] buf, long size) throws LastErrorException;

    private static native long flistxattr(int fd, byte[] list, long size) throws LastErrorException;

    private static native long llistxattr(byte[] path, byte[] list, long size) throws LastErrorException;

    private static native long fgetxattr(int fd, byte[] name, byte[] value, long size) throws LastErrorException;

    private static native long lgetxattr(byte[] path, byte[] name, byte[] value, long size) throws LastErrorException;

    private static native int fsetxattr(int fd, byte[] name, byte[] value, long size, int flags) throws LastErrorException;

    private static native int lsetxattr(byte[] path, byte[] name, byte[] value, long size, int flags)
            throws LastErrorException;

    public static native int fchownat(int dirfd, byte[] path, int uid, int gid, int flags) throws LastErrorException;

    public static native int fchmod(int fd, int mode) throws LastErrorException;

    public static native int fchmodat(int dirfd, byte[] path, int mode, int flags) throws LastErrorException;

    public static native int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

    public static native int symlinkat(byte[] target, int dirfd, byte[] path) throws LastErrorException;

    public static native int linkat(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags)
            throws LastErrorException;

    public static native int mknodat(int dirfd, byte[] path, int mode, long dev) throws LastErrorException;

    public static native int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

    private static native int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

    private static native int futimens(int fd, long[] times) throws LastErrorException;

    private static native int ioctl(int fd, long request, byte[] arg) throws LastErrorException;

    public static native int geteuid();

    /** NUL-terminated copy of {@code b} for the calls above. */
    public static byte[] c(byte[] b) {
        return Arrays.copyOf(b, b.length + 1);
    }

    /** {@code statx} without following a final symlink; {@code name} empty = the descriptor itself. */
    public static FileStat stat(int dirfd, byte[] name) throws LastErrorException {
        byte[] buf = new byte[256];
        statx(dirfd, c(name), AT_SYMLINK_NOFOLLOW | (name.length == 0 ? AT_EMPTY_PATH : 0), STATX_BASIC_STATS, buf);
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        return new FileStat(b.getShort(28) & 0xffff, b.getInt(20) & 0xffffffffL, b.getInt(24) & 0xffffffffL,
                b.getInt(16) & 0xffffffffL, b.getLong(32), b.getLong(40), b.getLong(48), b.getLong(112),
                b.getInt(120), b.getInt(128) & 0xffffffffL, b.getInt(132) & 0xffffffffL,
                b.getInt(136) & 0xffffffffL, b.getInt(140) & 0xffffffffL);
    }

    /** Reads up to {@code len} bytes; 0 at end of file. */
    public static int read(int fd, byte[] buf, int len) throws LastErrorException {
        return (int) read(fd, buf, (long) len);
    }

    /** Writes {@code buf[0..len)} at {@code offset} completely. */
    public static void pwriteFully(int fd, byte[] buf, int len, long offset) throws LastErrorException {
        byte[] data = buf;
        int done = 0;
        while (done < len) {
            if (done > 0) {
                data = Arrays.copyOfRange(buf, done, len);
            }
            done += (int) pwrite(fd, data, len - done, offset + done);
        }
    }

    /** Directory entry names except "." and "..", sorted byte-wise (memcmp order, as PBS). */
    public static List<byte[]> listDirectory(int dirfd) throws LastErrorException {
        int fd = openat(dirfd, c(new byte[] {'.'}), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        Pointer dir;
        try {
            dir = fdopendir(fd);
        } catch (LastErrorException e) {
            close(fd);
            throw e;
        }
        List<byte[]> names = new ArrayList<>();
        try {
            Pointer d;
            while ((d = readdir64(dir)) != null) {
                // struct dirent64: d_ino u64, d_off i64, d_reclen u16, d_type u8, d_name[]
                int reclen = d.getShort(16) & 0xffff;
                byte[] raw = d.getByteArray(19, reclen - 19);
                int n = 0;
                while (n < raw.length && raw[n] != 0) {
                    n++;
                }
                byte[] name = Arrays.copyOf(raw, n);
                if (!(n == 1 && name[0] == '.') && !(n == 2 && name[0] == '.' && name[1] == '.')) {
                    names.add(name);
                }
            }
        } finally {
            closedir(dir);
        }
        names.sort(Arrays::compareUnsigned);
        return names;
    }

    public static byte[] readlink(int dirfd, byte[] name) throws LastErrorException {
        byte[] buf = new byte[4097];
        long n = readlinkat(dirfd, c(name), buf, buf.length);
        return Arrays.copyOf(buf, (int) n);
    }

    /** Path through /proc for the l*xattr calls on entries that cannot be opened (symlinks, devices). */
    public static byte[] procPath(int dirfd, byte[] name) {
        byte[] prefix = ("/proc/self/fd/" + dirfd + "/").getBytes();
        byte[] p = Arrays.copyOf(prefix, prefix.length + name.length + 1);
        System.arraycopy(name, 0, p, prefix.length, name.length);
        return p;
    }

    /** xattr names of {@code fd} (or of {@code cPath} if fd &lt; 0) in kernel order. */
    public static List<byte[]> listXattrs(int fd, byte[] cPath) throws LastErrorException {
        byte[] buf = new byte[XATTR_LIST_MAX];
        long n = fd >= 0 ? flistxattr(fd, buf, buf.length) : llistxattr(cPath, buf, buf.length);
        List<byte[]> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == 0) {
                names.add(Arrays.copyOfRange(buf, start, i));
                start = i + 1;
            }
        }
        return names;
    }

    public static byte[] getXattr(int fd, byte[] cPath, byte[] name) throws LastErrorException {
        byte[] buf = new byte[XATTR_VALUE_MAX];
        long n = fd >= 0 ? fgetxattr(fd, c(name), buf, buf.length) : lgetxattr(cPath, c(name), buf, buf.length);
        return Arrays.copyOf(buf, (int) n);
    }

    public static void setXattr(int fd, byte[] cPath, byte[] name, byte[] value) throws LastErrorException {
        if (fd >= 0) {
            fsetxattr(fd, c(name), value, value.length, 0);
        } else {
            lsetxattr(cPath, c(name), value, value.length, 0);
        }
    }

    /** Sets mtime (atime = mtime) without following a final symlink; empty name = the descriptor. */
    public static void setMtime(int dirfd, byte[] name, long secs, int nanos) throws LastErrorException {
        long[] times = {secs, nanos, secs, nanos};
        if (name.length == 0) {
            futimens(dirfd, times); // glibc's utimensat rejects a NULL path
        } else {
            utimensat(dirfd, c(name), times, AT_SYMLINK_NOFOLLOW);
        }
    }

    /** FS_IOC_GETFLAGS (chattr bits). */
    public static long getChattr(int fd) throws LastErrorException {
        byte[] arg = new byte[8];
        ioctl(fd, FS_IOC_GETFLAGS, arg);
        return ByteBuffer.wrap(arg).order(ByteOrder.nativeOrder()).getInt(0) & 0xffffffffL;
    }

    public static void setChattr(int fd, long flags) throws LastErrorException {
        byte[] arg = new byte[8];
        ByteBuffer.wrap(arg).order(ByteOrder.nativeOrder()).putInt(0, (int) flags);
        ioctl(fd, FS_IOC_SETFLAGS, arg);
    }

    /** Project id from FS_IOC_FSGETXATTR (struct fsxattr: xflags, extsize, nextents, projid, ...). */
    public static long getProjectId(int fd) throws LastErrorException {
        byte[] arg = new byte[28];
        ioctl(fd, FS_IOC_FSGETXATTR, arg);
        return ByteBuffer.wrap(arg).order(ByteOrder.nativeOrder()).getInt(12) & 0xffffffffL;
    }

    /** Linux dev_t from major/minor (glibc gnu_dev_makedev). */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                close(fd);
            } catch (LastErrorException ignored) {
                // the descriptor is released either way on Linux
            }
        }
    }
}
