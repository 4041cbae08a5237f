package org.pbsj.core.pxar.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.jna.LastErrorException;

/** Builds test trees with raw libc calls and describes trees for comparison. */
final class FsTrees {
    private FsTrees() {
    }

    static byte[] c(Path p) {
        return PosixFs.c(p.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void mknod(Path p, int mode, long dev) {
        PosixFs.mknodat(PosixFs.AT_FDCWD, c(p), mode, dev);
    }

    static void setMtime(Path p, long secs, int nanos) {
        PosixFs.setMtime(PosixFs.AT_FDCWD, p.toString().getBytes(StandardCharsets.UTF_8), secs, nanos);
    }

    static void setXattr(Path p, String name, byte[] value) {
        PosixFs.setXattr(-1, c(p), name.getBytes(StandardCharsets.UTF_8), value);
    }

    /** True if the file system under {@code dir} accepts user.* xattrs. */
    static boolean userXattrsSupported(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "xattr", "");
        try {
            setXattr(probe, "user.probe", new byte[] {1});
            return true;
        } catch (LastErrorException e) {
            return false;
        } finally {
            Files.delete(probe);
        }
    }

    static boolean isRoot() {
        return PosixFs.geteuid() == 0;
    }

    /**
     * One line per entry (sorted by relative path): type, mode, owner, mtime, size and content
     * digest, link target, device numbers, user/trusted/security/ACL xattrs, hardlink group.
     */
    static Map<String, String> describe(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        int fd = PosixFs.openat(PosixFs.AT_FDCWD, c(root), PosixFs.O_RDONLY | PosixFs.O_DIRECTORY, 0);
        try {
            Map<Long, String> inodes = new HashMap<>();
            describe(fd, "", PosixFs.stat(fd, new byte[0]), out, inodes);
        } finally {
            PosixFs.close(fd);
        }
        return out;
    }

    private static void describe(int dirFd, String rel, FileStat dirStat, Map<String, String> out,
            Map<Long, String> inodes) throws Exception {
        out.put(rel.isEmpty() ? "/" : rel, line(dirFd, null, dirStat, null));
        for (byte[] name : PosixFs.listDirectory(dirFd)) {
            String path = rel + "/" + new String(name, StandardCharsets.UTF_8);
            FileStat st = PosixFs.stat(dirFd, name);
            if (st.type() == 0040000) {
                int fd = PosixFs.openat(dirFd, PosixFs.c(name), PosixFs.O_RDONLY | PosixFs.O_DIRECTORY, 0);
                try {
                    describe(fd, path, st, out, inodes);
                } finally {
                    PosixFs.close(fd);
                }
                continue;
            }
            String group = "";
            if (st.type() == 0100000 && st.nlink() > 1) {
                group = " linkgroup=" + inodes.computeIfAbsent(st.ino(), k -> path);
            }
            out.put(path, line(dirFd, name, st, null) + group);
        }
    }

    private static String line(int dirFd, byte[] name, FileStat st, String extra) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(Integer.toOctalString(st.mode())).append(' ').append(st.uid()).append(':').append(st.gid())
                .append(" mtime=").append(st.mtimeSecs()).append('.').append(st.mtimeNanos());
        int type = st.type();
        if (type == 0100000) {
            sb.append(" size=").append(st.size()).append(" sha=").append(digest(dirFd, name));
        } else if (type == 0120000) {
            sb.append(" -> ").append(new String(PosixFs.readlink(dirFd, name), StandardCharsets.UTF_8));
        } else if (type == 0020000 || type == 0060000) {
            sb.append(" dev=").append(st.rdevMajor()).append(':').append(st.rdevMinor());
        }
        if (type == 0100000 || type == 0040000) {
            int fd = name == null ? dirFd : PosixFs.openat(dirFd, PosixFs.c(name), PosixFs.O_RDONLY, 0);
            try {
                List<String> xattrs = new ArrayList<>();
                for (byte[] x : PosixFs.listXattrs(fd, null)) {
                    xattrs.add(new String(x) + "=" + HexFormat.of().formatHex(PosixFs.getXattr(fd, null, x)));
                }
                xattrs.sort(null);
                sb.append(" xattrs=").append(xattrs);
            } finally {
                if (name != null) {
                    PosixFs.close(fd);
                }
            }
        }
        return sb.toString();
    }

    private static String digest(int dirFd, byte[] name) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int fd = PosixFs.openat(dirFd, PosixFs.c(name), PosixFs.O_RDONLY, 0);
        try {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = PosixFs.read(fd, buf, buf.length)) > 0) {
                md.update(buf, 0, n);
            }
        } finally {
            PosixFs.close(fd);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }
}
