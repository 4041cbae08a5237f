package org.pbsj.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The file-system steps of an atomic write, behind a seam so that tests can inject faults
 * (short writes, failing fsync or rename, a "crash" that leaves the temp file behind) into the
 * real write path instead of into a mock.
 */
interface FileOps {
    FileChannel createNew(Path path, Set<PosixFilePermission> mode) throws IOException;

    void write(FileChannel ch, ByteBuffer data) throws IOException;

    void force(FileChannel ch) throws IOException;

    /** Atomic rename that replaces an existing target. */
    void move(Path source, Path target) throws IOException;

    void deleteIfExists(Path path) throws IOException;

    void syncDirectory(Path dir) throws IOException;

    FileOps REAL = new FileOps() {
        @Override
        public FileChannel createNew(Path path, Set<PosixFilePermission> mode) throws IOException {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                // like fchmod in PBS's replace_file: the mode is exact, not filtered by umask
                Files.setPosixFilePermissions(path, mode);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            return ch;
        }

        @Override
        public void write(FileChannel ch, ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                ch.write(data);
            }
        }

        @Override
        public void force(FileChannel ch) throws IOException {
            ch.force(true);
        }

        @Override
        public void move(Path source, Path target) throws IOException {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void deleteIfExists(Path path) throws IOException {
            Files.deleteIfExists(path);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            // Linux lets a read-only channel on a directory fsync it
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    };
}
