package org.pbsj.core.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.job.DigestSet;
import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.store.LocalChunkStore;

/**
 * Chunk verification of one index (datastore-jobs.md §2.3) on a small worker pool: every chunk
 * is read, CRC-checked, decoded and its digest recomputed at most once per verify run (the shared
 * {@code verified} / {@code corrupt} sets). Corrupt chunks are renamed to {@code .N.bad} so the
 * next backup uploads them again. Chunks are visited in inode order, which keeps a spinning disk
 * from seeking back and forth.
 */
final class ChunkVerifier {
    /** What one index cost: chunks checked now, bytes read and decoded, errors. */
    record Stats(long chunks, long readBytes, long decodedBytes, int errors) {
    }

    private final LocalChunkStore chunks;
    private final JobLog log;
    private final BooleanSupplier aborted;
    private final Executor pool;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final DigestSet verified = new DigestSet(1 << 14);
    private final DigestSet corrupt = new DigestSet(16);

    /** {@code parallelism} chunks are checked at a time on {@code pool} (which must offer that many threads). */
    ChunkVerifier(LocalChunkStore chunks, JobLog log, BooleanSupplier aborted, Executor pool, int parallelism) {
        this.chunks = chunks;
        this.log = log;
        this.aborted = aborted;
        this.pool = pool;
        this.maxInFlight = Math.max(1, parallelism);
        this.inFlight = new Semaphore(maxInFlight); // also bounds memory: at most this many chunks loaded
    }

    int verifiedCount() {
        return verified.size();
    }

    int corruptCount() {
        return corrupt.size();
    }

    /** Verifies the chunks of {@code index}; {@code encrypted} is the crypt mode the manifest expects. */
    Stats verify(IndexFile index, boolean encrypted) {
        record Todo(byte[] digest, long size, long inode) {
        }
        List<Todo> todo = new ArrayList<>();
        DigestSet queued = new DigestSet(Math.max(16, index.count()));
        for (int i = 0; i < index.count(); i++) {
            byte[] d = index.digest(i);
            if (!verified.contains(d) && queued.add(d)) {
                todo.add(new Todo(d, index.chunkLength(i), inode(chunks.chunkPath(d))));
            }
        }
        todo.sort(Comparator.comparingLong(Todo::inode));
        AtomicInteger errors = new AtomicInteger();
        AtomicLong read = new AtomicLong();
        AtomicLong decoded = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        boolean stopped = false;
        for (Todo t : todo) {
            if (aborted.getAsBoolean()) {
                stopped = true;
                break;
            }
            inFlight.acquireUninterruptibly();
            Runnable work = () -> {
                try {
                    checked.incrementAndGet();
                    verifyChunk(t.digest(), t.size(), encrypted, errors, read, decoded);
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    log.info("can't verify chunk " + hex(t.digest()) + " - " + e);
                } finally {
                    inFlight.release();
                }
            };
            try {
                pool.execute(work);
            } catch (RejectedExecutionException e) {
                work.run(); // pool shut down or saturated: check it on this thread
            }
        }
        inFlight.acquireUninterruptibly(maxInFlight); // all outstanding work done
        inFlight.release(maxInFlight);
        if (stopped) {
            throw new JobAbortedException();
        }
        return new Stats(checked.get(), read.get(), decoded.get(), errors.get());
    }

    private void verifyChunk(byte[] digest, long size, boolean encrypted, AtomicInteger errors, AtomicLong read,
            AtomicLong decoded) {
        if (verified.contains(digest)) {
            return; // another index of this run verified it meanwhile
        }
        if (corrupt.contains(digest)) {
            errors.incrementAndGet();
            log.info("chunk " + hex(digest) + " was marked as corrupt");
            return;
        }
        Path path = chunks.chunkPath(digest);
        DataBlob blob;
        try {
            blob = DataBlobCodec.read(path);
        } catch (NoSuchFileException e) {
            failed(digest, errors, "can't verify chunk, load failed - chunk " + hex(digest) + " does not exist");
            return;
        } catch (IOException | UncheckedIOException | PbsFormatException e) {
            failed(digest, errors, "can't verify chunk, load failed - " + e.getMessage());
            return;
        }
        read.addAndGet(blob.size());
        if (blob.isEncrypted() != encrypted) {
            errors.incrementAndGet();
            log.info("chunk " + hex(digest) + " has wrong crypt mode (expected "
                    + (encrypted ? "encrypted" : "unencrypted") + ")");
            return;
        }
        try {
            DataBlobCodec.verifyUnencrypted(blob, size, digest);
        } catch (PbsFormatException e) {
            failed(digest, errors, hex(digest) + ": " + e.getMessage());
            return;
        }
        decoded.addAndGet(size);
        verified.add(digest);
    }

    private void failed(byte[] digest, AtomicInteger errors, String message) {
        errors.incrementAndGet();
        log.info(message);
        if (corrupt.add(digest)) {
            try {
                chunks.markBad(digest).ifPresent(n -> log.info("corrupt chunk renamed to " + n));
            } catch (UncheckedIOException e) {
                log.info("could not rename corrupt chunk " + hex(digest) + " - " + e.getMessage());
            }
        }
    }

    /** Inode number for the visit order; unstat-able chunks go last. */
    private static long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String hex(byte[] d) {
        return HexFormat.of().formatHex(d);
    }
}
