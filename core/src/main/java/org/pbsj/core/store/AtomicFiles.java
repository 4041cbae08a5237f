package org.pbsj.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;

/**
 * PBS's "replace file" (datastore-layout.md §9.1): write a temp file next to the target
 * ({@code <target with last extension replaced by tmp_XXXXXX>}), set its mode, write, optionally
 * fsync, rename over the target; on any failure the temp file is unlinked. Readers therefore see
 * the old content or the new, never a partial file.
 *
 * <p>Sync levels: {@code FILE} fsyncs the temp file before and the directory after the rename;
 * {@code NONE} and {@code FILESYSTEM} do nothing per file (for {@code FILESYSTEM} the caller
 * issues one {@code syncfs} when a backup is finished).
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> MODE_0644 = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> MODE_0660 = PosixFilePermissions.fromString("rw-rw----");

    private static final String TEMP_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Atomically replaces (or creates) {@code target} with {@code data}, mode 0644. */
    public static void replace(Path target, byte[] data, SyncLevel sync) {
        replace(target, ByteBuffer.wrap(data), sync, MODE_0644);
    }

    /** As {@link #replace(Path, byte[], SyncLevel)}; the buffer's position is not changed. */
    public static void replace(Path target, ByteBuffer data, SyncLevel sync, Set<PosixFilePermission> mode) {
        replace(target, data, sync, mode, FileOps.REAL);
    }

    static void replace(Path target, ByteBuffer data, SyncLevel sync, Set<PosixFilePermission> mode, FileOps ops) {
        Path tmp = writeTemp(target, data, sync == SyncLevel.FILE, mode, ops);
        commit(tmp, target, sync, ops);
    }

    /**
     * Rust {@code Path::set_extension} on a file name: replaces the part after the last dot, or
     * appends one if there is none; a leading dot does not start an extension
     * ({@code index.json.blob} → {@code index.json.<ext>}, {@code .gc-status} → {@code .gc-status.<ext>}).
     */
    public static String withExtension(String fileName, String extension) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return extension.isEmpty() ? stem : stem + "." + extension;
    }

    /** A fresh {@code tmp_XXXXXX} sibling name for {@code target} (not created). */
    public static Path tempPath(Path target) {
        char[] x = new char[6];
        for (int i = 0; i < x.length; i++) {
            x[i] = TEMP_CHARS.charAt(RANDOM.nextInt(TEMP_CHARS.length()));
        }
        return target.resolveSibling(withExtension(target.getFileName().toString(), "tmp_" + new String(x)));
    }

    /** fsync a directory (so that a rename in it is durable). */
    public static void syncDirectory(Path dir) {
        try {
            FileOps.REAL.syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("fsync of directory " + dir + " failed", e);
        }
    }

    /** Writes the temp file for {@code target}; returns its path. Nothing is left behind on failure. */
    static Path writeTemp(Path target, ByteBuffer data, boolean fsync, Set<PosixFilePermission> mode, FileOps ops) {
        Objects.requireNonNull(mode, "mode");
        for (int attempt = 0; ; attempt++) {
            Path tmp = tempPath(target);
            FileChannel ch;
            try {
                ch = ops.createNew(tmp, mode);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue; // name collision as in mkostemp: pick another
                }
                throw new UncheckedIOException("cannot create temp file for " + target, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create temp file for " + target, e);
            }
            try (ch) {
                ops.write(ch, data.duplicate());
                if (fsync) {
                    ops.force(ch);
                }
            } catch (IOException | RuntimeException | Error e) {
                deleteQuietly(tmp, e, ops);
                throw e instanceof IOException io ? new UncheckedIOException("writing " + tmp + " failed", io) : sneaky(e);
            }
            return tmp;
        }
    }

    /** Renames {@code tmp} over {@code target} (+ directory fsync for FILE); unlinks tmp on failure. */
    static void commit(Path tmp, Path target, SyncLevel sync, FileOps ops) {
        try {
            ops.move(tmp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(tmp, e, ops);
            throw e instanceof IOException io
                    ? new UncheckedIOException("renaming " + tmp + " to " + target + " failed", io) : sneaky(e);
        }
        if (sync == SyncLevel.FILE) {
            try {
                ops.syncDirectory(target.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("fsync of directory " + target.getParent() + " failed", e);
            }
        }
    }

    /** Discards a temp file that will not be committed. */
    static void discard(Path tmp, FileOps ops) {
        try {
            ops.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temp file " + tmp, e);
        }
    }

    private static void deleteQuietly(Path tmp, Throwable primary, FileOps ops) {
        try {
            ops.deleteIfExists(tmp);
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static RuntimeException sneaky(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }
}
