package org.pbsj.core.pxar.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.jna.LastErrorException;

import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarEncoder;
import org.pbsj.core.pxar.PxarFormat;

/**
 * Walks a directory tree and writes it as a pxar archive like the PBS client: children in
 * byte-wise name order, metadata from {@code statx}/xattrs/ACLs/fcaps/chattr flags/project id,
 * regular files with {@code st_nlink > 1} stored once and then as HARDLINK (keyed by device and
 * inode), other file systems not entered unless asked. Entries that vanish or cannot be opened
 * are reported to {@link Warnings} and skipped; a file that shrinks while read is padded with
 * zeros (its size was already written), bytes beyond the stat size are ignored.
 */
public final class PxarArchiver {
    private static final int BUFFER = 1 << 18;

    private final ArchiverOptions options;
    private final Warnings warnings;
    private final MetadataReader metadataReader;
    private final byte[] buffer = new byte[BUFFER];
    private final Map<FileKey, LinkTarget> linkTargets = new HashMap<>();
    private PxarEncoder encoder;
    private FileStat rootStat;
    private long entries;
    private long hardlinks;

    private record FileKey(long devMajor, long devMinor, long ino) {
    }

    /** First occurrence of a multiply linked file: FILENAME offset and path without the leading '/'. */
    private record LinkTarget(long fileOffset, byte[] path) {
    }

    /** Counts of one run. */
    public record Result(long entries, long hardlinks) {
    }

    public PxarArchiver(ArchiverOptions options, Warnings warnings) {
        this.options = options;
        this.warnings = warnings;
        this.metadataReader = new MetadataReader(options, warnings);
    }

    /** Writes {@code source} as a version 1 archive to {@code out}. */
    public Result archive(Path source, OutputStream out) throws IOException {
        return run(source, out, null, null);
    }

    /** Writes {@code source} as a split (version 2) archive. */
    public Result archiveSplit(Path source, OutputStream metadata, OutputStream payload, byte[] prelude)
            throws IOException {
        return run(source, metadata, payload, prelude);
    }

    private Result run(Path source, OutputStream out, OutputStream payload, byte[] prelude)
            throws IOException {
        int rootFd = open(PosixFs.AT_FDCWD, source.toString().getBytes(), PosixFs.O_DIRECTORY, source.toString());
        try {
            rootStat = PosixFs.stat(rootFd, new byte[0]);
            Metadata rootMeta = metadataReader.read(new byte[] {'/'}, rootStat, rootFd, null);
            encoder = payload == null ? PxarEncoder.create(out, rootMeta)
                    : PxarEncoder.createSplit(out, payload, rootMeta, prelude);
            walk(rootFd, new byte[0]);
            encoder.finish();
            return new Result(entries, hardlinks);
        } catch (LastErrorException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        } finally {
            PosixFs.closeQuietly(rootFd);
        }
    }

    private void walk(int dirFd, byte[] dirPath) throws IOException {
        List<byte[]> names;
        try {
            names = PosixFs.listDirectory(dirFd);
        } catch (LastErrorException e) {
            warnings.warn(pathOrRoot(dirPath), "cannot list directory: " + e.getMessage());
            return;
        }
        for (byte[] name : names) {
            byte[] path = join(dirPath, name);
            if (!PxarFormat.isValidFilename(name)) {
                warnings.warn(path, "file name not representable in pxar, skipped");
                continue;
            }
            FileStat st;
            try {
                st = PosixFs.stat(dirFd, name);
            } catch (LastErrorException e) {
                warnings.warn(path, e.getErrorCode() == PosixFs.ENOENT ? "vanished, skipped" : "cannot stat: "
                        + e.getMessage());
                continue;
            }
            EntryKind kind = EntryKind.ofMode(st.mode());
            if (kind == null || !wanted(kind, st) || !options.filter().include(path, kind)) {
                continue;
            }
            if (++entries > options.entriesMax()) {
                throw new IOException("exceeded the maximum of " + options.entriesMax() + " entries (entries-max)");
            }
            switch (kind) {
                case DIRECTORY -> directory(dirFd, name, path);
                case FILE -> file(dirFd, name, path, st);
                default -> special(dirFd, name, path, st, kind);
            }
        }
    }

    private boolean wanted(EntryKind kind, FileStat st) {
        return switch (kind) {
            case DEVICE -> options.deviceNodes();
            case FIFO -> options.fifos();
            case SOCKET -> options.sockets();
            default -> true;
        };
    }

    private void directory(int parentFd, byte[] name, byte[] path) throws IOException {
        int fd = tryOpen(parentFd, name, PosixFs.O_DIRECTORY, path);
        if (fd < 0) {
            return;
        }
        try {
            FileStat st = PosixFs.stat(fd, new byte[0]);
            encoder.beginDirectory(name, metadataReader.read(path, st, fd, null));
            if (options.crossMounts() || st.sameDevice(rootStat)) {
                walk(fd, path);
            }
            encoder.endDirectory();
        } catch (LastErrorException e) {
            throw new IOException(new String(path) + ": " + e.getMessage(), e);
        } finally {
            PosixFs.closeQuietly(fd);
        }
    }

    private void file(int parentFd, byte[] name, byte[] path, FileStat linkStat) throws IOException {
        FileKey key = new FileKey(linkStat.devMajor(), linkStat.devMinor(), linkStat.ino());
        LinkTarget target = linkStat.nlink() > 1 ? linkTargets.get(key) : null;
        if (target != null) {
            encoder.addHardlink(name, target.path(), target.fileOffset());
            hardlinks++;
            return;
        }
        int fd = tryOpen(parentFd, name, PosixFs.O_NONBLOCK, path);
        if (fd < 0) {
            return;
        }
        try {
            FileStat st = PosixFs.stat(fd, new byte[0]);
            if (st.type() != PxarFormat.IFREG) {
                warnings.warn(path, "replaced by another file type while archiving, skipped");
                return;
            }
            Metadata meta = metadataReader.read(path, st, fd, null);
            long offset;
            try (PxarEncoder.FileWriter w = encoder.beginFile(name, meta, st.size())) {
                copy(fd, w, st.size(), path);
                offset = w.fileOffset();
            }
            if (st.nlink() > 1) {
                linkTargets.put(key, new LinkTarget(offset, Arrays.copyOfRange(path, 1, path.length)));
            }
        } catch (LastErrorException e) {
            throw new IOException(new String(path) + ": " + e.getMessage(), e);
        } finally {
            PosixFs.closeQuietly(fd);
        }
    }

    /** Copies exactly {@code size} bytes: pads with zeros if the file shrank or a read failed. */
    private void copy(int fd, PxarEncoder.FileWriter w, long size, byte[] path) throws IOException {
        long left = size;
        while (left > 0) {
            int n;
            try {
                n = PosixFs.read(fd, buffer, (int) Math.min(buffer.length, left));
            } catch (LastErrorException e) {
                warnings.warn(path, "read error, rest padded with zeros: " + e.getMessage());
                n = 0;
            }
            if (n == 0) {
                warnings.warn(path, "file shrank while reading, padded with " + left + " zero bytes");
                Arrays.fill(buffer, (byte) 0);
                while (left > 0) {
                    int k = (int) Math.min(buffer.length, left);
                    w.write(buffer, 0, k);
                    left -= k;
                }
                return;
            }
            w.write(buffer, 0, n);
            left -= n;
        }
        try {
            if (PosixFs.read(fd, buffer, 1) > 0) {
                warnings.warn(path, "file grew while reading, stored the first " + size + " bytes");
            }
        } catch (LastErrorException ignored) {
            // the stored part is complete
        }
    }

    private void special(int parentFd, byte[] name, byte[] path, FileStat st, EntryKind kind) throws IOException {
        byte[] procPath = PosixFs.procPath(parentFd, name);
        Metadata meta = metadataReader.read(path, st, -1, procPath);
        switch (kind) {
            case SYMLINK -> {
                byte[] target;
                try {
                    target = PosixFs.readlink(parentFd, name);
                } catch (LastErrorException e) {
                    warnings.warn(path, "cannot read symlink: " + e.getMessage());
                    return;
                }
                encoder.addSymlink(name, meta, target);
            }
            case DEVICE -> encoder.addDevice(name, meta, st.rdevMajor(), st.rdevMinor());
            case FIFO -> encoder.addFifo(name, meta);
            default -> encoder.addSocket(name, meta);
        }
    }

    private int tryOpen(int parentFd, byte[] name, int flags, byte[] path) {
        try {
            return PosixFs.openat(parentFd, PosixFs.c(name),
                    PosixFs.O_RDONLY | PosixFs.O_NOFOLLOW | PosixFs.O_CLOEXEC | PosixFs.O_NOCTTY | flags, 0);
        } catch (LastErrorException e) {
            warnings.warn(path, e.getErrorCode() == PosixFs.ENOENT ? "vanished, skipped"
                    : "cannot open, skipped: " + e.getMessage());
            return -1;
        }
    }

    private static int open(int dirFd, byte[] path, int flags, String what) throws IOException {
        try {
            return PosixFs.openat(dirFd, PosixFs.c(path), PosixFs.O_RDONLY | PosixFs.O_CLOEXEC | flags, 0);
        } catch (LastErrorException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }

    private static byte[] join(byte[] dir, byte[] name) {
        byte[] p = Arrays.copyOf(dir, dir.length + 1 + name.length);
        p[dir.length] = '/';
        System.arraycopy(name, 0, p, dir.length + 1, name.length);
        return p;
    }

    private static byte[] pathOrRoot(byte[] p) {
        return p.length == 0 ? new byte[] {'/'} : p;
    }
}
