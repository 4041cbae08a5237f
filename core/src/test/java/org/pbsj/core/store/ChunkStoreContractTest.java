package org.pbsj.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour every {@link ChunkStore} must show (restic's backend conformance suite idea), run
 * against {@link LocalChunkStore} and the fault-injecting {@link FaultyChunkStore}. Fault tests
 * run only where {@link #injectFault} is supported.
 *
 * <p>Stores are opened on a directory with an empty {@code .chunks}: prefix directories are
 * created on demand, which keeps these tests free of the 65536-mkdir cost (the full layout is
 * tested once in {@link LocalChunkStoreTest}).
 */
abstract class ChunkStoreContractTest {
    static final long OLD = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    static final long RECENT = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();

    @TempDir
    Path base;
    ChunkStore store;

    /** Opens the implementation under test on {@code base}, which holds an empty {@code .chunks}. */
    protected abstract ChunkStore openStore(Path base);

    /** Arms one fault for the next insert; false if the implementation cannot inject faults. */
    protected boolean injectFault(FaultyChunkStore.Fault fault) {
        return false;
    }

    @BeforeEach
    void open() throws IOException {
        Files.createDirectory(base.resolve(".chunks"));
        store = openStore(base);
    }

    @AfterEach
    void close() {
        store.close();
    }

    // ------------------------------------------------------------------ helpers

    static byte[] digest(int seed) {
        byte[] d = new byte[32];
        new Random(seed).nextBytes(d);
        return d;
    }

    static byte[] digestWithPrefix(int prefix, int seed) {
        byte[] d = digest(seed);
        d[0] = (byte) (prefix >> 8);
        d[1] = (byte) prefix;
        return d;
    }

    /** Fake encoded chunk: an 8-byte blob magic, then seeded filler (the store does not parse more). */
    static byte[] blob(long magic, int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        ByteBuffer.wrap(b).putLong(0, magic);
        return b;
    }

    static final long PLAIN = 0x42ab3807be8370a1L;
    static final long ENCRYPTED = 0x7b6785be222d4cf0L;
    static final long ENCR_COMPR = 0xe6591bbf0bbfd80bL;

    Path file(byte[] digest) {
        return base.resolve(store.relativePath(digest));
    }

    void setAtime(byte[] digest, long epoch) throws IOException {
        Files.setAttribute(file(digest), "lastAccessTime", FileTime.from(Instant.ofEpochSecond(epoch)));
    }

    List<String> prefixDirListing(byte[] digest) throws IOException {
        Path dir = file(digest).getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    List<String> allChunkNames() {
        try (Stream<ChunkEntry> s = store.chunks()) {
            return s.map(ChunkEntry::name).collect(Collectors.toList());
        }
    }

    // ------------------------------------------------------------------ insert / read

    @Test
    void insertNewThenRead() {
        byte[] d = digest(1);
        byte[] data = blob(PLAIN, 1000, 1);
        InsertResult r = store.insert(d, data);
        assertTrue(r.inserted());
        assertEquals(1000, r.storedSize());
        assertArrayEquals(data, store.read(d));
        assertTrue(store.exists(d));
        assertEquals(1000, store.stat(d).orElseThrow().size());
    }

    @Test
    void insertLeavesBufferPositionAlone() {
        ByteBuffer buf = ByteBuffer.wrap(blob(PLAIN, 300, 2));
        buf.position(0);
        store.insert(digest(2), buf);
        assertEquals(0, buf.position());
        assertEquals(300, buf.remaining());
    }

    @Test
    void duplicateOfSameSizeIsTouchedNotRewritten() throws IOException {
        byte[] d = digest(3);
        store.insert(d, blob(PLAIN, 500, 3));
        setAtime(d, OLD);
        Object inode = Files.readAttributes(file(d), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        InsertResult r = store.insert(d, blob(PLAIN, 500, 3));
        assertTrue(r.duplicate());
        assertEquals(500, r.storedSize());
        assertTrue(store.stat(d).orElseThrow().atime() > RECENT, "duplicate insert must touch atime");
        assertEquals(inode, Files.readAttributes(file(d), java.nio.file.attribute.BasicFileAttributes.class).fileKey());
    }

    @Test
    void smallerExistingCopyIsKept() {
        byte[] d = digest(4);
        byte[] small = blob(PLAIN, 100, 4);
        store.insert(d, small);
        InsertResult r = store.insert(d, blob(PLAIN, 200, 5));
        assertTrue(r.duplicate());
        assertEquals(100, r.storedSize());
        assertArrayEquals(small, store.read(d));
    }

    @Test
    void biggerExistingCopyIsReplaced() {
        byte[] d = digest(5);
        store.insert(d, blob(PLAIN, 200, 5));
        byte[] small = blob(PLAIN, 100, 6);
        InsertResult r = store.insert(d, small);
        assertTrue(r.inserted());
        assertEquals(100, r.storedSize());
        assertArrayEquals(small, store.read(d));
    }

    @Test
    void emptyExistingFileIsReplaced() throws IOException {
        byte[] d = digest(6);
        store.insert(d, blob(PLAIN, 50, 6));
        Files.write(file(d), new byte[0]);
        byte[] data = blob(PLAIN, 80, 7);
        assertTrue(store.insert(d, data).inserted());
        assertArrayEquals(data, store.read(d));
    }

    @Test
    void encryptedDoesNotOverwriteUnencrypted() {
        byte[] d = digest(7);
        byte[] plain = blob(PLAIN, 100, 7);
        store.insert(d, plain);
        assertThrows(StoreException.class, () -> store.insert(d, blob(ENCRYPTED, 150, 8)));
        assertArrayEquals(plain, store.read(d));
    }

    @Test
    void twoUncompressedEncryptedCopiesOfDifferentSizeAreRefused() {
        byte[] d = digest(8);
        store.insert(d, blob(ENCRYPTED, 100, 8));
        assertThrows(StoreException.class, () -> store.insert(d, blob(ENCRYPTED, 90, 9)));
    }

    @Test
    void encryptedKeepsTheFirstUpload() {
        byte[] d = digest(9);
        byte[] first = blob(ENCRYPTED, 100, 9);
        store.insert(d, first);
        InsertResult r = store.insert(d, blob(ENCR_COMPR, 60, 10));
        assertTrue(r.duplicate());
        assertEquals(100, r.storedSize());
        assertArrayEquals(first, store.read(d));
    }

    @Test
    void nonRegularFileAtChunkPathIsAnError() throws IOException {
        byte[] d = digest(10);
        Files.createDirectories(file(d));
        assertThrows(StoreException.class, () -> store.insert(d, blob(PLAIN, 100, 10)));
    }

    @Test
    void readOfMissingChunkFails() {
        assertThrows(ChunkNotFoundException.class, () -> store.read(digest(11)));
        assertFalse(store.exists(digest(11)));
        assertTrue(store.stat(digest(11)).isEmpty());
    }

    @Test
    void digestMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> store.insert(new byte[31], new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> store.read(new byte[33]));
    }

    @Test
    void relativePathIsPbsLayout() {
        byte[] d = HexFormat.of().parseHex("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assertEquals(".chunks/b94d/b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
                store.relativePath(d));
    }

    @Test
    void concurrentInsertsOfOneDigestStoreItOnce() throws Exception {
        byte[] d = digest(12);
        byte[] data = blob(PLAIN, 64 * 1024, 12);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<InsertResult>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> store.insert(d, data));
            }
            int inserted = 0;
            for (Future<InsertResult> f : pool.invokeAll(tasks)) {
                inserted += f.get().inserted() ? 1 : 0;
            }
            assertEquals(1, inserted);
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(data, store.read(d));
        assertEquals(List.of(HexFormat.of().formatHex(d)), prefixDirListing(d), "no temp files left");
    }

    // ------------------------------------------------------------------ touch / bad copies

    @Test
    void touchSetsAtimeAndKeepsMtime() throws IOException {
        byte[] d = digest(13);
        store.insert(d, blob(PLAIN, 100, 13));
        FileTime mtime = FileTime.from(Instant.ofEpochSecond(OLD + 12345));
        Files.setLastModifiedTime(file(d), mtime);
        setAtime(d, OLD);
        store.touch(d);
        assertTrue(store.stat(d).orElseThrow().atime() > RECENT);
        assertEquals(mtime, Files.getLastModifiedTime(file(d)));
    }

    @Test
    void touchOfMissingChunk() {
        assertThrows(ChunkNotFoundException.class, () -> store.touch(digest(14)));
        assertFalse(store.touchIfExists(digest(14)));
    }

    @Test
    void markBadRenamesToFirstFreeCounter() throws IOException {
        byte[] d = digest(15);
        String hex = HexFormat.of().formatHex(d);
        store.insert(d, blob(PLAIN, 100, 15));
        assertEquals(hex + ".0.bad", store.markBad(d).orElseThrow());
        assertFalse(store.exists(d));
        store.insert(d, blob(PLAIN, 100, 15));
        assertEquals(hex + ".1.bad", store.markBad(d).orElseThrow());
        assertTrue(store.markBad(d).isEmpty(), "missing chunk: nothing to rename");
        for (int n = 2; n <= 9; n++) {
            Files.write(file(d).resolveSibling(hex + "." + n + ".bad"), new byte[1]);
        }
        store.insert(d, blob(PLAIN, 100, 15));
        assertEquals(hex + ".9.bad", store.markBad(d).orElseThrow(), ".9.bad is overwritten when all exist");
        assertEquals(100, Files.size(file(d).resolveSibling(hex + ".9.bad")));
        assertEquals(10, store.touchBadCopies(d));
        assertEquals(0, store.touchBadCopies(digest(16)));
    }

    // ------------------------------------------------------------------ sweep support

    @Test
    void chunksAreListedInPrefixOrderWithoutForeignFiles() throws IOException {
        byte[] a = digestWithPrefix(0xffff, 20);
        byte[] b = digestWithPrefix(0x0001, 21);
        byte[] c = digestWithPrefix(0xab00, 22);
        for (byte[] d : List.of(a, b, c)) {
            store.insert(d, blob(PLAIN, 100, 20));
        }
        store.markBad(c);
        String hb = HexFormat.of().formatHex(b);
        Files.write(file(b).resolveSibling(hb + ".tmp_abcdef"), new byte[3]);
        Files.write(file(b).resolveSibling("README"), new byte[3]);
        Files.write(file(b).resolveSibling("g" + hb.substring(1)), new byte[3]);
        List<String> names = allChunkNames();
        assertEquals(List.of(hb, HexFormat.of().formatHex(c) + ".0.bad", HexFormat.of().formatHex(a)), names);
        try (Stream<ChunkEntry> s = store.chunks()) {
            ChunkEntry bad = s.filter(ChunkEntry::bad).findFirst().orElseThrow();
            assertArrayEquals(c, bad.digest());
            assertEquals(100, bad.size());
        }
    }

    @Test
    void removeIfAtimeBeforeHonoursTouches() throws IOException {
        byte[] d = digest(23);
        store.insert(d, blob(PLAIN, 100, 23));
        setAtime(d, OLD);
        ChunkEntry e = store.stat(d).orElseThrow();
        assertEquals(OLD, e.atime());
        assertFalse(store.removeIfAtimeBefore(e, OLD), "cutoff is exclusive");
        store.touch(d); // marked after the sweep listed it
        assertFalse(store.removeIfAtimeBefore(e, RECENT));
        assertTrue(store.exists(d));
        setAtime(d, OLD);
        assertTrue(store.removeIfAtimeBefore(e, RECENT));
        assertFalse(store.exists(d));
        assertFalse(store.removeIfAtimeBefore(e, RECENT), "vanished");
    }

    @Test
    void removeReportsWhetherSomethingWasRemoved() {
        byte[] d = digest(24);
        store.insert(d, blob(PLAIN, 10, 24));
        assertTrue(store.remove(d));
        assertFalse(store.remove(d));
    }

    // ------------------------------------------------------------------ locks

    @Test
    void sharedLocksAreTrackedAndExclusiveIsOncePerProcess() {
        try (ChunkStoreLock.Guard s1 = store.lockShared()) {
            assertTrue(store.oldestSharedLock().isPresent());
            try (ChunkStoreLock.Guard gc = store.lockExclusive()) {
                assertTrue(gc.isExclusive(), "own shared lock does not block GC in the same process");
                assertThrows(LockedException.class, store::lockExclusive);
            }
        }
        assertTrue(store.oldestSharedLock().isEmpty());
        store.syncOnFinish();
    }

    // ------------------------------------------------------------------ faults

    private void assertNothingVisible(byte[] d) throws IOException {
        assertFalse(store.exists(d));
        assertTrue(allChunkNames().isEmpty());
        assertEquals(List.of(), prefixDirListing(d), "temp file must be cleaned up");
    }

    @Test
    void shortWriteLeavesNoPartialChunk() throws IOException {
        assumeTrue(injectFault(FaultyChunkStore.Fault.SHORT_WRITE));
        byte[] d = digest(30);
        assertThrows(RuntimeException.class, () -> store.insert(d, blob(PLAIN, 10000, 30)));
        assertNothingVisible(d);
        byte[] data = blob(PLAIN, 10000, 30);
        assertTrue(store.insert(d, data).inserted(), "retry after the fault succeeds");
        assertArrayEquals(data, store.read(d));
    }

    @Test
    void failedFsyncLeavesNoPartialChunk() throws IOException {
        assumeTrue(injectFault(FaultyChunkStore.Fault.FSYNC));
        byte[] d = digest(31);
        assertThrows(RuntimeException.class, () -> store.insert(d, blob(PLAIN, 1000, 31)));
        assertNothingVisible(d);
    }

    @Test
    void failedRenameLeavesNoPartialChunk() throws IOException {
        assumeTrue(injectFault(FaultyChunkStore.Fault.RENAME));
        byte[] d = digest(32);
        assertThrows(RuntimeException.class, () -> store.insert(d, blob(PLAIN, 1000, 32)));
        assertNothingVisible(d);
    }

    @Test
    void failedReplaceKeepsTheOldCopy() {
        byte[] d = digest(33);
        byte[] big = blob(PLAIN, 2000, 33);
        store.insert(d, big);
        assumeTrue(injectFault(FaultyChunkStore.Fault.SHORT_WRITE));
        assertThrows(RuntimeException.class, () -> store.insert(d, blob(PLAIN, 1000, 34)));
        assertArrayEquals(big, store.read(d));
    }

    @Test
    void crashBeforeRenameLeavesOnlyAnIgnoredTempFile() throws IOException {
        assumeTrue(injectFault(FaultyChunkStore.Fault.CRASH_BEFORE_RENAME));
        byte[] d = digest(35);
        assertThrows(FaultyChunkStore.SimulatedCrash.class, () -> store.insert(d, blob(PLAIN, 1000, 35)));
        store.close();
        store = openStore(base); // "restart"
        assertFalse(store.exists(d));
        assertTrue(allChunkNames().isEmpty(), "scan ignores the leftover temp file");
        List<String> left = prefixDirListing(d);
        assertEquals(1, left.size());
        assertTrue(left.get(0).contains(".tmp_"), left.toString());
        assertTrue(store.insert(d, blob(PLAIN, 1000, 35)).inserted());
    }
}
