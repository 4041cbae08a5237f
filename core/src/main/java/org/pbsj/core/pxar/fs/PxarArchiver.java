package org.pbsj.core.pxar.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>Exclusion as in PBS: the command-line {@link ArchiverOptions#patterns()} plus the patterns of
 * every {@code .pxarexclude} file on the way down (valid for that directory's subtree, the file
 * itself is stored); an entry whose last matching pattern excludes it is skipped, a directory
 * with its subtree. A {@code .pxarexclude-cli} in the source root is never stored; with
 * command-line patterns a generated one (mode 0600, owner 0, mtime 0) becomes the root's last
 * entry of a version 1 archive.
 */
public final class PxarArchiver {
    private static final int BUFFER = 1 << 18;
    private static final byte[] PXAR_EXCLUDE = ".pxarexclude".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXCLUDE_CLI = ".pxarexclude-cli".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PXAR_EXCLUDE = 16 << 20;

    private final ArchiverOptions options;
    private final Warnings warnings;
    private final MetadataReader metadataReader;
    private final byte[] buffer = new byte[BUFFER];
    private final Map<FileKey, LinkTarget> linkTargets = new HashMap<>();
    /** Command-line patterns, then those of the .pxarexclude files along the current path. */
    private final List<MatchPattern> active = new ArrayList<>();
    private long held;
    private PxarEncoder encoder;
    private FileStat rootStat;
    private long entries;
    private long hardlinks;
    private long filesRead;
    private long bytesRead;
    private ReuseCache reuse;

    private record Child(byte[] name, byte[] path, FileStat st, EntryKind kind) {
    }

    private record FileKey(long devMajor, long devMinor, long ino) {
    }

    /** First occurrence of a multiply linked file: path without the leading '/', FILENAME offset once written. */
    private static final class LinkTarget {
        final byte[] path;
        long fileOffset = -1;

        LinkTarget(byte[] path) {
            this.path = path;
        }
    }

    /**
     * Counts of one run; {@code filesRead}/{@code bytesRead} count the regular files whose content
     * was read, {@code reuse} what change detection "metadata" took from the previous archive.
     */
    public record Result(long entries, long hardlinks, long filesRead, long bytesRead, ReuseStats reuse) {
    }

    public PxarArchiver(ArchiverOptions options, Warnings warnings) {
        this.options = options;
        this.warnings = warnings;
        this.metadataReader = new MetadataReader(options, warnings);
    }

    /** Writes {@code source} as a version 1 archive to {@code out}. */
    public Result archive(Path source, OutputStream out) throws IOException {
        return run(source, out, null, null, null);
    }

    /** Writes {@code source} as a split (version 2) archive. */
    public Result archiveSplit(Path source, OutputStream metadata, OutputStream payload, byte[] prelude)
            throws IOException {
        return run(source, metadata, payload, prelude, null);
    }

    /**
     * Writes {@code source} as a split archive with change detection "metadata": unchanged files
     * are not read but referenced in {@code previous}'s payload (see {@link ReuseCache}).
     */
    public Result archiveSplit(Path source, OutputStream metadata, OutputStream payload, byte[] prelude,
            PayloadReuse previous) throws IOException {
        return run(source, metadata, payload, prelude, previous);
    }

    private Result run(Path source, OutputStream out, OutputStream payload, byte[] prelude, PayloadReuse previous)
            throws IOException {
        int rootFd = open(PosixFs.AT_FDCWD, source.toString().getBytes(), PosixFs.O_DIRECTORY, source.toString());
        try {
            rootStat = PosixFs.stat(rootFd, new byte[0]);
            Metadata rootMeta = metadataReader.read(new byte[] {'/'}, rootStat, rootFd, null);
            active.clear();
            active.addAll(options.patterns().patterns());
            held = 0;
            encoder = payload == null ? PxarEncoder.create(out, rootMeta)
                    : PxarEncoder.createSplit(out, payload, rootMeta, prelude);
            filesRead = 0;
            bytesRead = 0;
            reuse = previous == null ? null : new ReuseCache(previous, warnings);
            walk(rootFd, new byte[0]);
            if (reuse != null) {
                reuse.flush(encoder, this::reencode);
            }
            encoder.finish();
            return new Result(entries, hardlinks, filesRead, bytesRead,
                    reuse == null ? ReuseStats.NONE : reuse.stats());
        } catch (LastErrorException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        } finally {
            if (reuse != null) {
                reuse.discard();
            }
            PosixFs.closeQuietly(rootFd);
        }
    }

    private void walk(int dirFd, byte[] dirPath) throws IOException {
        boolean root = dirPath.length == 0;
        int patternMark = active.size();
        long heldBefore = held;
        if (options.pxarExcludeFiles()) {
            readPxarExclude(dirFd, dirPath);
        }
        List<Child> children = list(dirFd, dirPath, root);
        if (reuse != null) {
            reuse.enterDirectory(dirPath);
        }
        for (Child c : children) {
            entries++;
            switch (c.kind) {
                case DIRECTORY -> directory(dirFd, c.name, c.path);
                case FILE -> file(dirFd, c.name, c.path, c.st);
                default -> special(dirFd, c.name, c.path, c.st, c.kind);
            }
        }
        if (root && !options.patterns().isEmpty() && !encoder.isSplit()) {
            // PBS: the command-line patterns, as the root's last entry (not sorted in)
            encoder.addFile(EXCLUDE_CLI, Metadata.of(PxarFormat.IFREG | 0600, 0, 0, 0, 0),
                    options.patterns().toExcludeFile());
        }
        if (reuse != null) {
            reuse.leaveDirectory();
        }
        active.subList(patternMark, active.size()).clear();
        held = heldBefore;
    }

    /**
     * The entries of a directory that are stored, in name order, counted against entries-max as
     * PBS does: the listings of all directories on the current path are held at once.
     */
    private List<Child> list(int dirFd, byte[] dirPath, boolean root) throws IOException {
        List<byte[]> names;
        try {
            names = PosixFs.listDirectory(dirFd);
        } catch (LastErrorException e) {
            warnings.warn(pathOrRoot(dirPath), "cannot list directory: " + e.getMessage());
            return List.of();
        }
        List<Child> children = new ArrayList<>(names.size());
        for (byte[] name : names) {
            byte[] path = join(dirPath, name);
            if (root && Arrays.equals(name, EXCLUDE_CLI)) {
                continue; // replaced by the generated one, as in PBS
            }
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
            if (kind == null || MatchList.lastMatch(active, path, st.mode()) == MatchPattern.Type.EXCLUDE
                    || !wanted(kind, st) || !options.filter().include(path, kind)) {
                continue;
            }
            if (++held > options.entriesMax()) {
                throw new IOException("exceeded the maximum of " + options.entriesMax()
                        + " entries held at once (entries-max)");
            }
            children.add(new Child(name, path, st, kind));
        }
        return children;
    }

    /** Adds the patterns of the directory's {@code .pxarexclude} (if any) to the active ones. */
    private void readPxarExclude(int dirFd, byte[] dirPath) {
        byte[] path = join(dirPath, PXAR_EXCLUDE);
        int fd;
        try {
            fd = PosixFs.openat(dirFd, PosixFs.c(PXAR_EXCLUDE), PosixFs.O_RDONLY | PosixFs.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != PosixFs.ENOENT) {
                warnings.warn(path, "cannot open, ignored: " + e.getMessage());
            }
            return;
        }
        try {
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            for (int n; (n = PosixFs.read(fd, buffer, buffer.length)) > 0; ) {
                content.write(buffer, 0, n);
                if (content.size() > MAX_PXAR_EXCLUDE) {
                    warnings.warn(path, "larger than " + MAX_PXAR_EXCLUDE + " bytes, ignored");
                    return;
                }
            }
            active.addAll(MatchList.parseExcludeFile(content.toByteArray(), dirPath,
                    message -> warnings.warn(path, message + ", line ignored")));
        } catch (LastErrorException e) {
            warnings.warn(path, "read error, ignored: " + e.getMessage());
        } finally {
            PosixFs.closeQuietly(fd);
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
            Metadata dirMeta = metadataReader.read(path, st, fd, null);
            emit(e -> e.beginDirectory(name, dirMeta));
            if (options.crossMounts() || st.sameDevice(rootStat)) {
                walk(fd, path);
            }
            emit(PxarEncoder::endDirectory);
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
            emit(e -> e.addHardlink(name, target.path, target.fileOffset));
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
            LinkTarget link = st.nlink() > 1 ? new LinkTarget(Arrays.copyOfRange(path, 1, path.length)) : null;
            if (link != null) {
                linkTargets.put(key, link);
            }
            java.util.function.LongConsumer offsetSink = off -> {
                if (link != null) {
                    link.fileOffset = off;
                }
            };
            if (reuse != null) {
                long old = reuse.reusableOffset(name, meta, st.size());
                if (old >= 0) {
                    int cached = fd;
                    fd = -1; // the cache closes it
                    reuse.addFile(encoder, new ReuseCache.CachedFile(name, path, meta, st.size(), old, cached,
                            offsetSink), this::reencode);
                    return;
                }
                reuse.flush(encoder, this::reencode); // this file's content goes to the payload now
            }
            offsetSink.accept(writeFile(encoder, name, meta, st.size(), fd, path));
        } catch (LastErrorException e) {
            throw new IOException(new String(path) + ": " + e.getMessage(), e);
        } finally {
            PosixFs.closeQuietly(fd);
        }
    }

    /** Encodes a regular file with its content read from {@code fd}; returns its FILENAME offset. */
    private long writeFile(PxarEncoder enc, byte[] name, Metadata meta, long size, int fd, byte[] path)
            throws IOException {
        try (PxarEncoder.FileWriter w = enc.beginFile(name, meta, size)) {
            copy(fd, w, size, path);
            filesRead++;
            bytesRead += size;
            return w.fileOffset();
        }
    }

    private long reencode(PxarEncoder enc, ReuseCache.CachedFile f) throws IOException {
        return writeFile(enc, f.name(), f.metadata(), f.size(), f.fd(), f.path());
    }

    /** An encoder call; deferred while the reuse cache holds files, whose entries come first. */
    private void emit(ReuseCache.Op op) throws IOException {
        if (reuse != null && reuse.caching()) {
            reuse.defer(op);
        } else {
            op.run(encoder);
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
                byte[] link = target;
                emit(e -> e.addSymlink(name, meta, link));
            }
            case DEVICE -> emit(e -> e.addDevice(name, meta, st.rdevMajor(), st.rdevMinor()));
            case FIFO -> emit(e -> e.addFifo(name, meta));
            default -> emit(e -> e.addSocket(name, meta));
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
