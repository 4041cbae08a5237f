package org.pbsj.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void extensionFollowsRustSetExtension() {
        assertEquals("index.json.tmp_x", AtomicFiles.withExtension("index.json.blob", "tmp_x"));
        assertEquals("abc.tmp_x", AtomicFiles.withExtension("abc", "tmp_x"));
        assertEquals(".gc-status.tmp_x", AtomicFiles.withExtension(".gc-status", "tmp_x"));
        assertEquals("drive-scsi0.img.tmp_fidx", AtomicFiles.withExtension("drive-scsi0.img.fidx", "tmp_fidx"));
        assertEquals("root.pxar.tmp", AtomicFiles.withExtension("root.pxar.didx", "tmp"));
    }

    @Test
    void tempNameHasSixRandomAlphanumerics() {
        String n = AtomicFiles.tempPath(dir.resolve("index.json.blob")).getFileName().toString();
        assertTrue(n.matches("index\\.json\\.tmp_[A-Za-z0-9]{6}"), n);
        assertEquals(dir, AtomicFiles.tempPath(dir.resolve("x")).getParent());
    }

    @Test
    void replaceCreatesAndOverwritesWithMode0644() throws IOException {
        Path target = dir.resolve("notes");
        for (SyncLevel level : SyncLevel.values()) {
            byte[] data = ("content " + level).getBytes();
            AtomicFiles.replace(target, data, level);
            assertArrayEquals(data, Files.readAllBytes(target));
        }
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(target));
        assertEquals(List.of("notes"), listing());
    }

    @Test
    void failedRenameLeavesOldContentAndNoTemp() throws IOException {
        Path target = dir.resolve("target");
        Files.createDirectory(target);
        Files.write(target.resolve("child"), new byte[1]); // rename over a non-empty dir fails
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.replace(target, new byte[10], SyncLevel.FILE));
        assertEquals(List.of("target"), listing());
        assertTrue(Files.isDirectory(target));
    }

    @Test
    void failedWriteLeavesNoTemp() throws IOException {
        Path target = dir.resolve("data.blob");
        Files.write(target, new byte[] {1, 2, 3});
        FileOps failing = new FileOps() {
            @Override
            public FileChannel createNew(Path path, Set<PosixFilePermission> mode) throws IOException {
                return REAL.createNew(path, mode);
            }

            @Override
            public void write(FileChannel ch, ByteBuffer data) throws IOException {
                ch.write(ByteBuffer.wrap(new byte[5]));
                throw new IOException("disk full (injected)");
            }

            @Override
            public void force(FileChannel ch) throws IOException {
                REAL.force(ch);
            }

            @Override
            public void move(Path source, Path target) throws IOException {
                REAL.move(source, target);
            }

            @Override
            public void deleteIfExists(Path path) throws IOException {
                REAL.deleteIfExists(path);
            }

            @Override
            public void syncDirectory(Path d) throws IOException {
                REAL.syncDirectory(d);
            }
        };
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.replace(target, ByteBuffer.wrap(new byte[100]),
                SyncLevel.NONE, AtomicFiles.MODE_0644, failing));
        assertEquals(List.of("data.blob"), listing());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    }

    @Test
    void missingDirectoryFailsCleanly() {
        assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.replace(dir.resolve("no/such/file"), new byte[1], SyncLevel.NONE));
    }
}
