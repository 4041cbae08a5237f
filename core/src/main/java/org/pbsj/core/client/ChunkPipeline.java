package org.pbsj.core.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.pbsj.core.blob.ChunkDigest;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.RandomSource;

/**
 * The parallel part of an upload, shared by all archives of one backup: per chunk the digest
 * (keyed when encrypting), the known-chunk check, zstd (+ AES-GCM) and the upload run on a small
 * worker pool while the reading and chunking thread stays serial ({@code TOOLCHAIN.md}, "Hot
 * paths"). Memory is bounded by the bytes of chunks in flight, not by the input size.
 */
public final class ChunkPipeline implements AutoCloseable {
    /** Default bound of plain chunk bytes being processed at once (plus their encoded copies). */
    public static final long DEFAULT_IN_FLIGHT = 32L << 20;
    private static final int PERMIT_UNIT = 1024;

    private final BackupTarget target;
    private final CryptConfig crypt;
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final int maxPermits;
    private final KnownChunks known = new KnownChunks();
    private final RandomSource random = RandomSource.secure();
    private final byte[] zeroChunkDigest;
    private final Progress progress;

    public ChunkPipeline(BackupTarget target, CryptConfig crypt, int threads, long maxInFlightBytes, Progress progress) {
        this.target = target;
        this.crypt = crypt;
        this.progress = progress;
        this.maxPermits = (int) Math.max(1, maxInFlightBytes / PERMIT_UNIT);
        this.inFlight = new Semaphore(maxPermits);
        this.workers = Executors.newFixedThreadPool(threads, daemonThreads());
        // the typical VM image is mostly zeros: name the zero chunk without hashing it each time
        this.zeroChunkDigest = ChunkDigest.of(new byte[ImageUpload.CHUNK_SIZE], crypt);
    }

    /** Threads: one per core, at least two (one core chunks, the others encode). */
    public static int defaultThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pbs-chunk-" + n.incrementAndGet());
            t.setDaemon(true); // a failed backup must not hang the JVM on its workers
            return t;
        };
    }

    BackupTarget target() {
        return target;
    }

    CryptConfig crypt() {
        return crypt;
    }

    KnownChunks known() {
        return known;
    }

    Progress progress() {
        return progress;
    }

    ExecutorService workers() {
        return workers;
    }

    byte[] zeroChunkDigest() {
        return zeroChunkDigest.clone();
    }

    /** Blocks until {@code bytes} more may be in flight; a chunk larger than the bound still passes alone. */
    void acquire(int bytes) throws InterruptedException {
        inFlight.acquire(permits(bytes));
    }

    void release(int bytes) {
        inFlight.release(permits(bytes));
    }

    private int permits(int bytes) {
        return Math.min(maxPermits, Math.max(1, bytes / PERMIT_UNIT));
    }

    /** The digest of a chunk as the server will name it. */
    byte[] digest(byte[] data, boolean maybeZero) {
        if (maybeZero && data.length == ImageUpload.CHUNK_SIZE && ImageUpload.isZero(data, 0, data.length)) {
            return zeroChunkDigest.clone();
        }
        return ChunkDigest.of(data, crypt);
    }

    /** The chunk as a DataBlob: compressed if that helps, encrypted with a key. */
    byte[] encode(byte[] data) {
        return DataBlobCodec.encode(data, 0, data.length, crypt, true, random).raw();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
