package org.pbsj.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The contract suite against the real store, plus what is specific to the PBS on-disk layout. */
class LocalChunkStoreTest extends ChunkStoreContractTest {
    /** blob-format.md §8: uncompressed blob of "hello world" and its digest. */
    static final byte[] HELLO_BLOB = HexFormat.of().parseHex("42ab3807be8370a185114a0d68656c6c6f20776f726c64");
    static final byte[] HELLO_DIGEST =
            HexFormat.of().parseHex("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");

    @Override
    protected ChunkStore openStore(Path base) {
        return LocalChunkStore.open(base, SyncLevel.NONE, Clock.systemUTC());
    }

    @Test
    void createBuildsThePbsLayoutOnce() throws IOException {
        Path full = base.resolve("full");
        try (LocalChunkStore s = LocalChunkStore.create(full, SyncLevel.FILESYSTEM, Clock.systemUTC())) {
            Path chunks = full.resolve(".chunks");
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(chunks);
            assertFalse(perms.contains(PosixFilePermission.OTHERS_READ), "mode 0750: " + perms);
            assertEquals(0, Files.size(full.resolve(".lock")));
            List<String> prefixes;
            try (Stream<Path> l = Files.list(chunks)) {
                prefixes = l.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            }
            assertEquals(65536, prefixes.size());
            assertEquals("0000", prefixes.get(0));
            assertEquals("00ff", prefixes.get(255));
            assertEquals("ffff", prefixes.get(65535));
            assertTrue(prefixes.stream().allMatch(p -> p.matches("[0-9a-f]{4}")));
            assertTrue(s.insert(HELLO_DIGEST, HELLO_BLOB).inserted());
            s.syncOnFinish(); // syncfs
        }
        StoreException again = assertThrows(StoreException.class,
                () -> LocalChunkStore.create(full, SyncLevel.NONE, Clock.systemUTC()));
        assertTrue(again.getMessage().contains("already exists"));
    }

    @Test
    void createNeedsAnAbsolutePath() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalChunkStore.create(Path.of("relative/store"), SyncLevel.NONE, Clock.systemUTC()));
    }

    @Test
    void openWithoutChunkDirectoryFails() {
        assertThrows(StoreException.class,
                () -> LocalChunkStore.open(base.resolve("nothing"), SyncLevel.NONE, Clock.systemUTC()));
    }

    @Test
    void missingLockFileIsRecreatedOnOpen() throws IOException {
        Path other = base.resolve("other");
        Files.createDirectories(other.resolve(".chunks"));
        try (LocalChunkStore s = LocalChunkStore.open(other, SyncLevel.NONE, Clock.systemUTC())) {
            assertTrue(Files.exists(other.resolve(".lock")));
        }
    }

    @Test
    void chunkFileIsTheBlobAtThePbsPathWithMode0644() throws IOException {
        store.insert(HELLO_DIGEST, HELLO_BLOB);
        Path p = base.resolve(".chunks/b94d/b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assertArrayEquals(HELLO_BLOB, Files.readAllBytes(p));
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(p));
        assertEquals(p, ((LocalChunkStore) store).chunkPath(HELLO_DIGEST));
    }

    @Test
    void syncLevelFileWritesAndSyncs() {
        store.close();
        store = LocalChunkStore.open(base, SyncLevel.FILE, Clock.systemUTC());
        assertTrue(store.insert(HELLO_DIGEST, HELLO_BLOB).inserted());
        assertArrayEquals(HELLO_BLOB, store.read(HELLO_DIGEST));
    }

    @Test
    void withoutNativeCallsTouchUsesTheClock() {
        Instant fixed = Instant.parse("2021-06-01T12:00:00Z");
        store.close();
        store = new LocalChunkStore(base, SyncLevel.NONE, Clock.fixed(fixed, ZoneOffset.UTC), FileOps.REAL, false);
        store.insert(HELLO_DIGEST, HELLO_BLOB);
        store.touch(HELLO_DIGEST);
        assertEquals(fixed.getEpochSecond(), store.stat(HELLO_DIGEST).orElseThrow().atime());
        assertFalse(store.touchIfExists(digest(99)));
        store.syncOnFinish(); // NONE: nothing
        ChunkStoreLayout.syncFilesystem(base, false); // coreutils "sync -f" fallback
    }
}
