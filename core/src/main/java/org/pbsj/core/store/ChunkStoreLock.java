package org.pbsj.core.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.LastErrorException;

/**
 * The chunk-store process lock on {@code <store>/.lock} (datastore-layout.md §8.1): a POSIX
 * {@code fcntl} record lock, shared for index writers and sync runs, exclusive for GC, with the
 * in-process bookkeeping PBS keeps (shared-guard count, acquisition times, exclusive flag).
 *
 * <p>fcntl locks belong to the process and closing <em>any</em> descriptor of the file drops
 * them all, so there is exactly one instance (one fd) per lock file per JVM: {@link #acquire}
 * hands out the same reference-counted instance. This is the one place where process-wide state
 * is the correct model. The instance also carries the chunk-store mutex (§8.4).
 *
 * <p>Without JNA, {@link FileChannel#tryLock} is used: also fcntl on Linux, but it cannot convert
 * shared→exclusive atomically (released and re-taken), which is the documented gap of that fallback.
 */
public final class ChunkStoreLock {
    private static final Map<Path, ChunkStoreLock> OPEN = new HashMap<>();

    private final Path file;
    private final ReentrantLock mutex = new ReentrantLock();
    private final Map<Long, Long> sharedSince = new HashMap<>(); // guard id -> epoch seconds
    private int refs;
    private long nextGuardId;
    private boolean exclusive;
    private int fd = -1;                 // JNA path
    private FileChannel channel;         // fallback path
    private FileLock fallbackLock;

    private ChunkStoreLock(Path file) {
        this.file = file;
    }

    /** Opens (creating if missing, no truncate) the lock file, or shares this JVM's open instance. */
    public static ChunkStoreLock acquire(Path lockFile) {
        Path key = lockFile.toAbsolutePath().normalize();
        synchronized (OPEN) {
            ChunkStoreLock lock = OPEN.get(key);
            if (lock == null) {
                lock = new ChunkStoreLock(key);
                lock.openFile();
                OPEN.put(key, lock);
            }
            lock.refs++;
            return lock;
        }
    }

    private void openFile() {
        try {
            if (LibC.available()) {
                fd = LibC.open(LibC.cPath(file), LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0644);
            } else {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            }
        } catch (LastErrorException e) {
            throw new UncheckedIOException(new IOException("cannot open " + file + ": errno " + e.getErrorCode(), e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Drops one reference; the last one closes the descriptor (and with it all record locks). */
    public void release() {
        synchronized (OPEN) {
            if (--refs > 0) {
                return;
            }
            OPEN.remove(file);
            if (fd >= 0) {
                LibC.closeQuietly(fd);
                fd = -1;
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the lock is gone with the descriptor either way
                }
            }
        }
    }

    /** The in-process chunk-store mutex: serializes insert decisions and GC stat+unlink steps. */
    public ReentrantLock mutex() {
        return mutex;
    }

    public Path file() {
        return file;
    }

    /** Shared guard, acquired at {@code nowEpochSeconds}; fails if another process holds it exclusively. */
    public synchronized Guard shared(long nowEpochSeconds) {
        if (sharedSince.isEmpty() && !exclusive) {
            setLock(false, "unable to get shared lock");
        }
        long id = nextGuardId++;
        sharedSince.put(id, nowEpochSeconds);
        return new Guard(this, id);
    }

    /** Exclusive guard (GC); fails if held in this process already or if another process holds any lock. */
    public synchronized Guard exclusive() {
        if (exclusive) {
            throw new LockedException(file, "exclusive chunk-store lock already held in this process");
        }
        setLock(true, "unable to get exclusive lock - another process holds the chunk store");
        exclusive = true;
        return new Guard(this, -1);
    }

    /** Earliest acquisition time of a live shared guard of this process (GC cutoff), if any. */
    public synchronized OptionalLong oldestShared() {
        return sharedSince.values().stream().mapToLong(Long::longValue).min();
    }

    public synchronized boolean exclusiveHeld() {
        return exclusive;
    }

    public synchronized int sharedCount() {
        return sharedSince.size();
    }

    private synchronized void releaseGuard(long id) {
        if (id < 0) {
            exclusive = false;
            if (sharedSince.isEmpty()) {
                unlock();
            } else {
                setLock(false, "unable to downgrade to shared lock");
            }
        } else if (sharedSince.remove(id) != null && sharedSince.isEmpty() && !exclusive) {
            unlock();
        }
    }

    private void setLock(boolean write, String failure) {
        if (fd >= 0) {
            try {
                LibC.setRecordLock(fd, write ? LibC.F_WRLCK : LibC.F_RDLCK);
            } catch (LastErrorException e) {
                throw new LockedException(file, failure + " (errno " + e.getErrorCode() + ")", e);
            }
            return;
        }
        try {
            FileLock previous = fallbackLock;
            if (previous != null) {
                previous.release(); // JVM locks cannot be converted in place
            }
            fallbackLock = channel.tryLock(0, Long.MAX_VALUE, !write);
            if (fallbackLock == null) {
                fallbackLock = previous == null ? null : channel.tryLock(0, Long.MAX_VALUE, previous.isShared());
                throw new LockedException(file, failure);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("locking " + file + " failed", e);
        }
    }

    private void unlock() {
        if (fd >= 0) {
            try {
                LibC.setRecordLock(fd, LibC.F_UNLCK);
            } catch (LastErrorException e) {
                throw new UncheckedIOException(new IOException("unlocking " + file + ": errno " + e.getErrorCode()));
            }
        } else if (fallbackLock != null) {
            try {
                fallbackLock.release();
            } catch (IOException e) {
                throw new UncheckedIOException("unlocking " + file + " failed", e);
            } finally {
                fallbackLock = null;
            }
        }
    }

    /** Releases its share of the lock when closed; closing twice is harmless. */
    public static final class Guard implements Closeable {
        private final ChunkStoreLock owner;
        private final long id;
        private boolean closed;

        private Guard(ChunkStoreLock owner, long id) {
            this.owner = owner;
            this.id = id;
        }

        public boolean isExclusive() {
            return id < 0;
        }

        @Override
        public void close() {
            synchronized (owner) {
                if (!closed) {
                    closed = true;
                    owner.releaseGuard(id);
                }
            }
        }
    }

    /** For tests: whether a lock file is open in this JVM. */
    static boolean isOpen(Path lockFile) {
        synchronized (OPEN) {
            return OPEN.containsKey(lockFile.toAbsolutePath().normalize());
        }
    }
}
