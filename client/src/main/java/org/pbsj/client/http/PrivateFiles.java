package org.pbsj.client.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes files that hold secrets (tickets, key files) with mode 0600 from the moment they exist:
 * a temporary file created with that mode, then renamed over the target, so a reader never sees
 * a partial file and nobody else ever can read it.
 */
public final class PrivateFiles {
    private static final FileAttribute<?> FILE_0600 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> DIR_0700 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates missing parent directories with mode 0700. */
    public static void createParentDirs(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            createParentDirs(dir);
            try {
                Files.createDirectory(dir, DIR_0700);
            } catch (FileAlreadyExistsException e) {
                // created concurrently: fine
            }
        }
    }

    /** Atomically replaces {@code file} with {@code content}, mode 0600. */
    public static void replace(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Creates {@code file} with {@code content}, mode 0600; fails if it exists. */
    public static void createNew(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public static void write(Path file, byte[] content, boolean replace) throws IOException {
        createParentDirs(file);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", FILE_0600);
        try {
            Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            if (replace) {
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.move(tmp, file); // FileAlreadyExistsException if it exists
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether a file is readable by its owner only (group and others have no bits). */
    public static boolean isPrivate(Path file) throws IOException {
        return OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
    }
}
