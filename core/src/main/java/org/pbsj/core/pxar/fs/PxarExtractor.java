package org.pbsj.core.pxar.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import com.sun.jna.LastErrorException;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.PxarDecoder;
import org.pbsj.core.pxar.PxarFormat;

/**
 * Restores a decoded archive into a directory: every entry kind, metadata (owner only as root),
 * mtimes with nanoseconds, sparse files (all-zero 4 KiB blocks are skipped, leaving holes) and
 * hardlinks. Everything is created relative to open directory descriptors with O_NOFOLLOW, names
 * are checked again (no '/', '.', '..'), and hardlink targets are resolved component by component
 * without following symlinks, so an archive cannot write outside the target directory.
 */
public final class PxarExtractor {
    private static final int BLOCK = 4096;
    private static final int BUFFER = 64 * BLOCK;

    private final ExtractorOptions options;
    private final Warnings warnings;
    private final MetadataApplier applier;
    private final byte[] buffer = new byte[BUFFER];
    private final Deque<OpenDir> dirs = new ArrayDeque<>();
    private long entries;

    /**
     * A directory being extracted. {@code fd} is -1 until it is created: eagerly if it matches,
     * else only when a child is restored into it. {@code skipped}: rejected by the filter, its
     * children are ignored. {@code match}: the match state its children inherit.
     */
    private static final class OpenDir {
        final Entry entry;
        final OpenDir parent;
        final boolean skipped;
        final boolean match;
        int fd = -1;

        OpenDir(Entry entry, OpenDir parent, boolean skipped, boolean match) {
            this.entry = entry;
            this.parent = parent;
            this.skipped = skipped;
            this.match = match;
        }
    }

    public PxarExtractor(ExtractorOptions options, Warnings warnings) {
        this.options = options;
        this.warnings = warnings;
        this.applier = new MetadataApplier(options, warnings, PosixFs.geteuid() == 0);
    }

    /** Extracts all entries of {@code decoder} below {@code target} (created if missing); returns the count. */
    public long extract(PxarDecoder decoder, Path target) throws IOException {
        Files.createDirectories(target);
        try {
            for (Entry e = decoder.next(); e != null; e = decoder.next()) {
                if (e.kind() == EntryKind.GOODBYE) {
                    finishDirectory(dirs.pop());
                } else if (e.isRoot()) {
                    OpenDir root = new OpenDir(e, null, false, options.patterns().isEmpty());
                    root.fd = PosixFs.openat(PosixFs.AT_FDCWD, PosixFs.c(target.toString().getBytes()),
                            PosixFs.O_RDONLY | PosixFs.O_DIRECTORY | PosixFs.O_CLOEXEC, 0);
                    dirs.push(root);
                } else {
                    child(decoder, e);
                }
            }
        } catch (LastErrorException e) {
            throw new IOException("extraction failed: " + e.getMessage(), e);
        } finally {
            while (!dirs.isEmpty()) {
                PosixFs.closeQuietly(dirs.pop().fd);
            }
        }
        return entries;
    }

    private void child(PxarDecoder decoder, Entry e) throws IOException {
        OpenDir parent = dirs.peek();
        if (parent == null) {
            throw new CorruptDataException(null, e.fileOffset(), "entry outside the root directory");
        }
        boolean skip = parent.skipped || !options.filter().include(e.path(), e.kind());
        MatchPattern.Type m = options.patterns().matches(e.path(), e.metadata().mode());
        boolean match = m == MatchPattern.Type.INCLUDE || m == null && parent.match;
        if (e.kind() == EntryKind.DIRECTORY) {
            OpenDir d = new OpenDir(e, parent, skip, match);
            dirs.push(d);
            if (!skip && match) {
                created(d);
            }
            return;
        }
        if (skip || !match || !wanted(e)) {
            return;
        }
        byte[] name = checkedName(e);
        int dirFd = created(parent);
        entries++;
        switch (e.kind()) {
            case FILE -> file(decoder.contents(), dirFd, name, e);
            case SYMLINK -> {
                create(dirFd, name, () -> PosixFs.symlinkat(PosixFs.c(e.link()), dirFd, PosixFs.c(name)));
                applier.apply(e.path(), dirFd, name, -1, e.metadata(), e.kind());
            }
            case HARDLINK -> hardlink(dirFd, name, e);
            default -> {
                long type = e.metadata().fileType();
                long dev = e.kind() == EntryKind.DEVICE ? PosixFs.makedev(e.deviceMajor(), e.deviceMinor()) : 0;
                create(dirFd, name, () -> PosixFs.mknodat(dirFd, PosixFs.c(name), (int) (type | 0600), dev));
                applier.apply(e.path(), dirFd, name, -1, e.metadata(), e.kind());
            }
        }
    }

    private int directory(int parentFd, Entry e) throws IOException {
        byte[] name = checkedName(e);
        try {
            PosixFs.mkdirat(parentFd, PosixFs.c(name), 0700);
        } catch (LastErrorException ex) {
            if (ex.getErrorCode() != PosixFs.EEXIST || !options.allowExistingDirs()) {
                throw failure(e, ex);
            }
        }
        try { // O_NOFOLLOW: an existing symlink in place of the directory is refused
            return PosixFs.openat(parentFd, PosixFs.c(name),
                    PosixFs.O_RDONLY | PosixFs.O_DIRECTORY | PosixFs.O_NOFOLLOW | PosixFs.O_CLOEXEC, 0);
        } catch (LastErrorException ex) {
            throw failure(e, ex);
        }
    }

    private boolean wanted(Entry e) {
        return switch (e.kind()) {
            case DEVICE -> options.deviceNodes();
            case FIFO -> options.fifos();
            case SOCKET -> options.sockets();
            default -> true;
        };
    }

    /** The directory's descriptor, creating it (and any parents not yet created) first. */
    private int created(OpenDir d) throws IOException {
        if (d.fd < 0) {
            d.fd = directory(created(d.parent), d.entry);
            entries++;
        }
        return d.fd;
    }

    private void finishDirectory(OpenDir d) {
        if (d.fd < 0) {
            return;
        }
        try {
            applier.apply(d.entry.path(), d.parent == null ? -1 : d.parent.fd, d.entry.fileName(), d.fd,
                    d.entry.metadata(), EntryKind.DIRECTORY);
        } finally {
            PosixFs.closeQuietly(d.fd);
        }
    }

    private void file(InputStream in, int dirFd, byte[] name, Entry e) throws IOException {
        int[] fd = new int[1];
        create(dirFd, name, () -> fd[0] = PosixFs.openat(dirFd, PosixFs.c(name), PosixFs.O_WRONLY | PosixFs.O_CREAT
                | PosixFs.O_EXCL | PosixFs.O_NOFOLLOW | PosixFs.O_CLOEXEC, 0600));
        try {
            writeSparse(in, fd[0], e.fileSize());
            applier.apply(e.path(), dirFd, name, fd[0], e.metadata(), EntryKind.FILE);
        } catch (LastErrorException ex) {
            throw failure(e, ex);
        } finally {
            PosixFs.closeQuietly(fd[0]);
        }
    }

    /** Writes only blocks that contain non-zero bytes; ftruncate sets the size and leaves the holes. */
    private void writeSparse(InputStream in, int fd, long size) throws IOException {
        long pos = 0;
        while (pos < size) {
            int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, size - pos));
            if (n == 0) {
                throw new CorruptDataException(null, -1, "file content ended early");
            }
            int runStart = -1;
            for (int off = 0; off < n; off += BLOCK) {
                int end = Math.min(n, off + BLOCK);
                boolean zero = isZero(buffer, off, end);
                if (!zero && runStart < 0) {
                    runStart = off;
                } else if (zero && runStart >= 0) {
                    PosixFs.pwriteFully(fd, Arrays.copyOfRange(buffer, runStart, off), off - runStart, pos + runStart);
                    runStart = -1;
                }
            }
            if (runStart >= 0) {
                PosixFs.pwriteFully(fd, Arrays.copyOfRange(buffer, runStart, n), n - runStart, pos + runStart);
            }
            pos += n;
        }
        PosixFs.ftruncate(fd, size);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Links to the already extracted target, walking its path below the root without following symlinks. */
    private void hardlink(int dirFd, byte[] name, Entry e) throws IOException {
        byte[][] parts = splitTarget(e.link());
        if (parts == null) {
            warnings.warn(e.path(), "hardlink target " + e.linkString() + " is not a relative path, skipped");
            return;
        }
        int cur = dirs.peekLast().fd;
        int opened = -1;
        try {
            for (int i = 0; i < parts.length - 1; i++) {
                int next = PosixFs.openat(cur, PosixFs.c(parts[i]),
                        PosixFs.O_RDONLY | PosixFs.O_DIRECTORY | PosixFs.O_NOFOLLOW | PosixFs.O_CLOEXEC, 0);
                PosixFs.closeQuietly(opened);
                opened = next;
                cur = next;
            }
            int from = cur;
            create(dirFd, name, () -> PosixFs.linkat(from, PosixFs.c(parts[parts.length - 1]), dirFd, PosixFs.c(name),
                    0));
        } catch (LastErrorException ex) {
            warnings.warn(e.path(), "cannot link to " + e.linkString() + ": " + ex.getMessage());
        } finally {
            PosixFs.closeQuietly(opened);
        }
    }

    private static byte[][] splitTarget(byte[] target) {
        if (target.length == 0 || target[0] == '/') {
            return null;
        }
        String[] parts = new String(target, java.nio.charset.StandardCharsets.ISO_8859_1).split("/", -1);
        byte[][] out = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // byte-preserving
            if (!PxarFormat.isValidFilename(out[i])) {
                return null;
            }
        }
        return out;
    }

    /** Runs a create call; with {@code overwrite}, replaces an existing non-directory once. */
    private void create(int dirFd, byte[] name, Creation c) throws IOException {
        try {
            c.run();
        } catch (LastErrorException e) {
            if (e.getErrorCode() != PosixFs.EEXIST) {
                throw new IOException(new String(name) + ": " + e.getMessage(), e);
            }
            if (!options.overwrite()) {
                throw new FileAlreadyExistsException(new String(name));
            }
            try {
                PosixFs.unlinkat(dirFd, PosixFs.c(name), 0);
                c.run();
            } catch (LastErrorException again) {
                throw new IOException(new String(name) + ": cannot replace: " + again.getMessage(), again);
            }
        }
    }

    private static byte[] checkedName(Entry e) {
        byte[] name = e.fileName();
        if (!PxarFormat.isValidFilename(name)) {
            throw new CorruptDataException(null, e.fileOffset(), "refusing unsafe file name " + e.pathString());
        }
        return name;
    }

    private static IOException failure(Entry e, LastErrorException ex) {
        return new IOException(e.pathString() + ": " + ex.getMessage(), ex);
    }

    @FunctionalInterface
    private interface Creation {
        void run() throws LastErrorException;
    }
}
