package org.pbsj.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.pbsj.core.error.CorruptDataException;

import com.sun.jna.LastErrorException;

/**
 * {@link ChunkStore} over PBS's {@code <store>/.chunks/XXXX/<64 hex>} layout (datastore-layout.md
 * §1–§3, §9, §10), readable by PBS and vice versa. Chunk writes are temp file + rename; the
 * insert decision runs under the chunk-store mutex, twice: before writing (so duplicates cost
 * one stat + touch) and again before the rename (so a concurrent insert or GC step is seen), which
 * keeps the large write itself outside the mutex.
 */
public final class LocalChunkStore implements ChunkStore {
    public static final String CHUNK_DIR = ".chunks";
    public static final String LOCK_FILE = ".lock";
    public static final int PREFIX_DIRS = 65536;
    /** Largest file {@link #read} accepts: the largest blob PBS encodes (128 MiB) plus header. */
    public static final long MAX_CHUNK_FILE = (128L << 20) + 44;

    private static final System.Logger LOG = System.getLogger(LocalChunkStore.class.getName());
    private static final long MAGIC_UNCOMPRESSED = 0x42ab3807be8370a1L;
    private static final long MAGIC_COMPRESSED = 0x31b958426fb6a37fL;
    private static final long MAGIC_ENCRYPTED = 0x7b6785be222d4cf0L;
    private static final long MAGIC_ENCR_COMPR = 0xe6591bbf0bbfd80bL;

    private final Path base;
    private final Path chunkDir;
    private final byte[] chunkDirC; // "<base>/.chunks/" as bytes, prefix of every native path
    private final SyncLevel syncLevel;
    private final Clock clock;
    private final FileOps ops;
    private final boolean nativeCalls;
    private final ChunkStoreLock lock;
    private boolean closed;

    LocalChunkStore(Path base, SyncLevel syncLevel, Clock clock, FileOps ops, boolean nativeCalls) {
        this.base = base.toAbsolutePath().normalize();
        this.chunkDir = this.base.resolve(CHUNK_DIR);
        if (!Files.isDirectory(chunkDir)) {
            throw new StoreException(chunkDir, "chunk directory missing: not a datastore");
        }
        this.chunkDirC = (chunkDir + "/").getBytes(StandardCharsets.UTF_8);
        this.syncLevel = syncLevel;
        this.clock = clock;
        this.ops = ops;
        this.nativeCalls = nativeCalls && LibC.available();
        this.lock = ChunkStoreLock.acquire(this.base.resolve(LOCK_FILE));
    }

    /** Opens an existing chunk store; {@code .chunks} must exist, {@code .lock} is re-created if missing. */
    public static LocalChunkStore open(Path base, SyncLevel syncLevel, Clock clock) {
        return new LocalChunkStore(base, syncLevel, clock, FileOps.REAL, true);
    }

    /**
     * Creates base (and parents), {@code .chunks} (fails if it exists: a store is never created
     * twice), the empty {@code .lock} and the 65536 prefix directories in order, then opens it.
     */
    public static LocalChunkStore create(Path base, SyncLevel syncLevel, Clock clock) {
        ChunkStoreLayout.create(base);
        return open(base, syncLevel, clock);
    }

    public Path basePath() {
        return base;
    }

    public SyncLevel syncLevel() {
        return syncLevel;
    }

    /** Absolute path of the chunk file. */
    public Path chunkPath(byte[] digest) {
        return chunkPath(ChunkStore.hex(digest));
    }

    private Path chunkPath(String hex) {
        return chunkDir.resolve(hex.substring(0, 4)).resolve(hex);
    }

    private byte[] cPath(String hex, String suffix) {
        byte[] s = (hex.substring(0, 4) + "/" + hex + suffix).getBytes(StandardCharsets.US_ASCII);
        byte[] c = Arrays.copyOf(chunkDirC, chunkDirC.length + s.length + 1);
        System.arraycopy(s, 0, c, chunkDirC.length, s.length);
        return c;
    }

    @Override
    public InsertResult insert(byte[] digest, ByteBuffer encoded) {
        String hex = ChunkStore.hex(digest);
        Path path = chunkPath(hex);
        long magic = encoded.remaining() >= 8 ? encoded.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN)
                .getLong(encoded.position()) : 0;
        lock.mutex().lock();
        try {
            InsertResult existing = decide(hex, path, encoded.remaining(), magic, false);
            if (existing != null) {
                return existing;
            }
        } finally {
            lock.mutex().unlock();
        }
        Path tmp = writeTemp(path, encoded);
        boolean renamed = false;
        lock.mutex().lock();
        try {
            InsertResult existing = decide(hex, path, encoded.remaining(), magic, true);
            if (existing != null) {
                return existing; // a concurrent insert won; ours is discarded below
            }
            AtomicFiles.commit(tmp, path, SyncLevel.NONE, ops); // unlinks tmp itself on failure
            renamed = true;
        } finally {
            lock.mutex().unlock();
            if (!renamed) {
                AtomicFiles.discard(tmp, ops);
            }
        }
        if (syncLevel == SyncLevel.FILE) {
            try {
                ops.syncDirectory(path.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("fsync of " + path.getParent() + " failed", e);
            }
        }
        return new InsertResult(false, encoded.remaining());
    }

    private Path writeTemp(Path path, ByteBuffer encoded) {
        boolean fsync = syncLevel == SyncLevel.FILE;
        try {
            return AtomicFiles.writeTemp(path, encoded, fsync, AtomicFiles.MODE_0644, ops);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException) || Files.isDirectory(path.getParent())) {
                throw e;
            }
        }
        // a missing prefix directory (tolerated by GC) is re-created rather than failing every insert
        try {
            Files.createDirectory(path.getParent(), ChunkStoreLayout.DIR_MODE);
        } catch (FileAlreadyExistsException e) {
            // created concurrently
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create prefix directory " + path.getParent(), e);
        }
        return AtomicFiles.writeTemp(path, encoded, fsync, AtomicFiles.MODE_0644, ops);
    }

    /** PBS insert_chunk's rules (§10.1); null means "write the new copy". Caller holds the mutex. */
    private InsertResult decide(String hex, Path path, long newSize, long newMagic, boolean committing) {
        BasicFileAttributes a = attributes(path);
        if (a == null) {
            return null;
        }
        if (!a.isRegularFile()) {
            throw new StoreException(path, "chunk exists but is not a regular file");
        }
        long old = a.size();
        if (old == newSize) {
            touchOrFail(hex, path);
            return new InsertResult(true, old);
        }
        if (old == 0) {
            LOG.log(committing ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "replacing empty chunk file {0}", path);
            return null;
        }
        if (newMagic == MAGIC_ENCRYPTED || newMagic == MAGIC_ENCR_COMPR) {
            long oldMagic = firstLong(path);
            if (oldMagic == MAGIC_UNCOMPRESSED || oldMagic == MAGIC_COMPRESSED) {
                throw new StoreException(path, "refusing to overwrite unencrypted chunk with encrypted chunk");
            }
            if (oldMagic == MAGIC_ENCRYPTED && newMagic == MAGIC_ENCRYPTED) {
                throw new StoreException(path, "existing and new chunk are both encrypted and uncompressed"
                        + " but differ in size (" + old + " != " + newSize + "): one of them is corrupt");
            }
            touchOrFail(hex, path); // encrypted: keep the first upload
            return new InsertResult(true, old);
        }
        if (old < newSize) {
            touchOrFail(hex, path); // keep the smaller copy
            return new InsertResult(true, old);
        }
        return null; // existing copy is bigger: replace it
    }

    private static long firstLong(Path path) {
        ByteBuffer b = ByteBuffer.allocate(8);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return b.hasRemaining() ? 0 : b.getLong(0);
    }

    @Override
    public byte[] read(byte[] digest) {
        String hex = ChunkStore.hex(digest);
        Path path = chunkPath(hex);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_CHUNK_FILE) {
                throw new CorruptDataException(path.toString(), 0, "chunk file too large: " + size + " bytes");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new CorruptDataException(path.toString(), buf.position(), "chunk file shrank while reading");
                }
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            throw new ChunkNotFoundException(path, hex);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chunk " + path, e);
        }
    }

    @Override
    public Optional<ChunkEntry> stat(byte[] digest) {
        String hex = ChunkStore.hex(digest);
        BasicFileAttributes a = attributes(chunkPath(hex));
        return a == null || !a.isRegularFile() ? Optional.empty() : Optional.of(entry(hex, a));
    }

    @Override
    public void touch(byte[] digest) {
        String hex = ChunkStore.hex(digest);
        touchOrFail(hex, chunkPath(hex));
    }

    private void touchOrFail(String hex, Path path) {
        if (!touchPath(path, hex, "")) {
            throw new ChunkNotFoundException(path, hex);
        }
    }

    @Override
    public boolean touchIfExists(byte[] digest) {
        String hex = ChunkStore.hex(digest);
        return touchPath(chunkPath(hex), hex, "");
    }

    @Override
    public int touchBadCopies(byte[] digest) {
        String hex = ChunkStore.hex(digest);
        int touched = 0;
        for (int n = 0; n <= 9; n++) {
            String suffix = "." + n + ".bad";
            if (touchPath(chunkDir.resolve(hex.substring(0, 4)).resolve(hex + suffix), hex, suffix)) {
                touched++;
            }
        }
        return touched;
    }

    /** atime = now, mtime untouched, no symlink follow; false if the file is missing. */
    private boolean touchPath(Path path, String hex, String suffix) {
        if (nativeCalls) {
            try {
                return LibC.touchAtime(cPath(hex, suffix));
            } catch (LastErrorException e) {
                throw new UncheckedIOException(new IOException("utimensat " + path + ": errno " + e.getErrorCode()));
            }
        }
        try {
            // fallback: the JDK re-writes mtime with the value it just read (a small race PBS does not have)
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(null, FileTime.from(clock.instant()), null);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot touch " + path, e);
        }
    }

    @Override
    public Optional<String> markBad(byte[] digest) {
        String hex = ChunkStore.hex(digest);
        Path path = chunkPath(hex);
        lock.mutex().lock();
        try {
            Path target = null;
            for (int n = 0; n <= 9; n++) {
                target = path.resolveSibling(hex + "." + n + ".bad");
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    break;
                }
            }
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(target.getFileName().toString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename bad chunk " + path, e);
        } finally {
            lock.mutex().unlock();
        }
    }

    @Override
    public Stream<ChunkEntry> chunks() {
        return IntStream.range(0, PREFIX_DIRS).mapToObj(i -> listPrefix(chunkDir.resolve(ChunkStoreLayout.prefix(i))))
                .flatMap(List::stream);
    }

    /** The chunks (and {@code .bad} copies) of prefix directory {@code prefix} (0..65535), sorted by name. */
    public List<ChunkEntry> chunks(int prefix) {
        return listPrefix(chunkDir.resolve(ChunkStoreLayout.prefix(prefix)));
    }

    private List<ChunkEntry> listPrefix(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (ChunkEntry.isChunkName(name)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(); // GC tolerates missing prefix directories
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        names.sort(null);
        List<ChunkEntry> out = new ArrayList<>(names.size());
        for (String name : names) {
            BasicFileAttributes a = attributes(dir.resolve(name));
            if (a != null && a.isRegularFile()) {
                out.add(new ChunkEntry(name, a.size(), a.lastAccessTime().to(TimeUnit.SECONDS)));
            }
        }
        return out;
    }

    @Override
    public boolean removeIfAtimeBefore(ChunkEntry entry, long cutoffEpochSeconds) {
        Path path = chunkDir.resolve(entry.name().substring(0, 4)).resolve(entry.name());
        lock.mutex().lock();
        try {
            BasicFileAttributes a = attributes(path);
            if (a == null || !a.isRegularFile() || a.lastAccessTime().to(TimeUnit.SECONDS) >= cutoffEpochSeconds) {
                return false;
            }
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove chunk " + path, e);
        } finally {
            lock.mutex().unlock();
        }
    }

    @Override
    public boolean remove(byte[] digest) {
        Path path = chunkPath(digest);
        lock.mutex().lock();
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove chunk " + path, e);
        } finally {
            lock.mutex().unlock();
        }
    }

    @Override
    public void syncOnFinish() {
        if (syncLevel == SyncLevel.FILESYSTEM) {
            ChunkStoreLayout.syncFilesystem(base, nativeCalls);
        }
    }

    @Override
    public ChunkStoreLock.Guard lockShared() {
        return lock.shared(clock.instant().getEpochSecond());
    }

    @Override
    public ChunkStoreLock.Guard lockExclusive() {
        return lock.exclusive();
    }

    @Override
    public OptionalLong oldestSharedLock() {
        return lock.oldestShared();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lock.release();
        }
    }

    private static ChunkEntry entry(String hex, BasicFileAttributes a) {
        return new ChunkEntry(hex, a.size(), a.lastAccessTime().to(TimeUnit.SECONDS));
    }

    /** lstat; null if missing. */
    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path, e);
        }
    }
}
