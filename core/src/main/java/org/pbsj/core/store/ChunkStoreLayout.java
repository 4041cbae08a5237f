package org.pbsj.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import com.sun.jna.LastErrorException;

/** Creation of the chunk-store directory layout (datastore-layout.md §2) and {@code syncfs}. */
final class ChunkStoreLayout {
    /** {@code .chunks} and prefix directories: 0750 before umask, as PBS creates them. */
    static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---"));

    private ChunkStoreLayout() {
    }

    static String prefix(int i) {
        return String.format("%04x", i);
    }

    static void create(Path base) {
        if (!base.isAbsolute()) {
            throw new IllegalArgumentException("chunk store path must be absolute: " + base);
        }
        Path chunks = base.resolve(LocalChunkStore.CHUNK_DIR);
        try {
            Files.createDirectories(base);
            Files.createDirectory(chunks, DIR_MODE);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(chunks, "chunk store already exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create chunk store at " + base, e);
        }
        AtomicFiles.replace(base.resolve(LocalChunkStore.LOCK_FILE), new byte[0], SyncLevel.NONE);
        try {
            for (int i = 0; i < LocalChunkStore.PREFIX_DIRS; i++) {
                Files.createDirectory(chunks.resolve(prefix(i)), DIR_MODE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create chunk prefix directories in " + chunks, e);
        }
    }

    /** syncfs(2) of the file system holding {@code path}; without JNA, coreutils {@code sync -f}. */
    static void syncFilesystem(Path path, boolean nativeCalls) {
        if (nativeCalls) {
            int fd = -1;
            try {
                fd = LibC.open(LibC.cPath(path), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
                LibC.syncfs(fd);
                return;
            } catch (LastErrorException e) {
                throw new UncheckedIOException(new IOException("syncfs " + path + ": errno " + e.getErrorCode()));
            } finally {
                LibC.closeQuietly(fd);
            }
        }
        try {
            Process p = new ProcessBuilder("sync", "-f", path.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new UncheckedIOException(new IOException("sync -f " + path + " exited with " + p.exitValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sync -f " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while syncing " + path));
        }
    }
}
