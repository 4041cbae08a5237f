package org.pbsj.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A {@link ChunkStore} wrapper whose inserts fail on demand. The faults are injected into the
 * real {@link LocalChunkStore} write path (through its {@link FileOps} seam), so the tests check
 * the production clean-up code, not a mock.
 */
final class FaultyChunkStore implements ChunkStore {
    enum Fault {
        /** Half the data is written, then "No space left on device". */
        SHORT_WRITE,
        /** fsync of the temp file fails (the store runs with sync level FILE). */
        FSYNC,
        /** The rename onto the final name fails. */
        RENAME,
        /** The process "dies" just before the rename: nothing is cleaned up. */
        CRASH_BEFORE_RENAME
    }

    /** Stands in for the process dying; deliberately not an IOException. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private final AtomicReference<Fault> armed = new AtomicReference<>();
    private volatile boolean crashed;
    private final LocalChunkStore delegate;

    FaultyChunkStore(Path base, Clock clock) {
        this.delegate = new LocalChunkStore(base, SyncLevel.FILE, clock, new Ops(), true);
    }

    /** The next insert that writes a file fails with {@code fault}. */
    void failNext(Fault fault) {
        armed.set(fault);
    }

    private boolean fire(Fault f) {
        return armed.compareAndSet(f, null);
    }

    private final class Ops implements FileOps {
        @Override
        public FileChannel createNew(Path path, Set<PosixFilePermission> mode) throws IOException {
            return REAL.createNew(path, mode);
        }

        @Override
        public void write(FileChannel ch, ByteBuffer data) throws IOException {
            if (fire(Fault.SHORT_WRITE)) {
                ByteBuffer half = data.duplicate();
                half.limit(half.position() + half.remaining() / 2);
                REAL.write(ch, half);
                throw new IOException("No space left on device (injected)");
            }
            REAL.write(ch, data);
        }

        @Override
        public void force(FileChannel ch) throws IOException {
            if (fire(Fault.FSYNC)) {
                throw new IOException("Input/output error (injected fsync failure)");
            }
            REAL.force(ch);
        }

        @Override
        public void move(Path source, Path target) throws IOException {
            if (fire(Fault.RENAME)) {
                throw new IOException("Read-only file system (injected)");
            }
            if (fire(Fault.CRASH_BEFORE_RENAME)) {
                crashed = true;
                throw new SimulatedCrash();
            }
            REAL.move(source, target);
        }

        @Override
        public void deleteIfExists(Path path) throws IOException {
            if (!crashed) { // a dead process cleans up nothing
                REAL.deleteIfExists(path);
            }
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            REAL.syncDirectory(dir);
        }
    }

    @Override
    public InsertResult insert(byte[] digest, ByteBuffer encoded) {
        return delegate.insert(digest, encoded);
    }

    @Override
    public byte[] read(byte[] digest) {
        return delegate.read(digest);
    }

    @Override
    public Optional<ChunkEntry> stat(byte[] digest) {
        return delegate.stat(digest);
    }

    @Override
    public void touch(byte[] digest) {
        delegate.touch(digest);
    }

    @Override
    public boolean touchIfExists(byte[] digest) {
        return delegate.touchIfExists(digest);
    }

    @Override
    public int touchBadCopies(byte[] digest) {
        return delegate.touchBadCopies(digest);
    }

    @Override
    public Optional<String> markBad(byte[] digest) {
        return delegate.markBad(digest);
    }

    @Override
    public Stream<ChunkEntry> chunks() {
        return delegate.chunks();
    }

    @Override
    public boolean removeIfAtimeBefore(ChunkEntry entry, long cutoffEpochSeconds) {
        return delegate.removeIfAtimeBefore(entry, cutoffEpochSeconds);
    }

    @Override
    public boolean remove(byte[] digest) {
        return delegate.remove(digest);
    }

    @Override
    public void syncOnFinish() {
        delegate.syncOnFinish();
    }

    @Override
    public ChunkStoreLock.Guard lockShared() {
        return delegate.lockShared();
    }

    @Override
    public ChunkStoreLock.Guard lockExclusive() {
        return delegate.lockExclusive();
    }

    @Override
    public OptionalLong oldestSharedLock() {
        return delegate.oldestSharedLock();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
