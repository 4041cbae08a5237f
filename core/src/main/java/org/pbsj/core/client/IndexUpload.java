package org.pbsj.core.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.pbsj.core.crypto.CryptConfig;

/**
 * One index archive being uploaded ({@code backup-protocol.md} §8 step 3): chunks arrive in
 * stream order from the reading thread, are digested, encoded and uploaded on the pipeline's
 * workers, and come back in order to be appended (up to 64 per {@code PUT}) and summed into the
 * index checksum. Not thread-safe: one producer thread per archive.
 */
final class IndexUpload {
    static final int APPEND_BATCH = 64;

    /** What happened to one chunk; {@code waitFor} is another worker's upload of the same content. */
    private record ChunkResult(byte[] digest, int size, long offset, boolean uploaded, int encodedSize,
            CompletableFuture<Void> waitFor) {
    }

    private final ChunkPipeline pipeline;
    private final String archiveName;
    private final boolean fixed;
    private final int wid;
    private final long announcedSize;
    private final byte[][] previousSlots;
    private final ArrayDeque<CompletableFuture<ChunkResult>> pending = new ArrayDeque<>();
    private final MessageDigest csum = CryptConfig.sha256Digest();
    private final List<byte[]> batchDigests = new ArrayList<>();
    private final List<Long> batchOffsets = new ArrayList<>();
    private final ArchiveStats stats;
    private long offset;
    private long appended;

    private IndexUpload(ChunkPipeline pipeline, String archiveName, boolean fixed, int wid, long announcedSize,
            byte[][] previousSlots) {
        this.pipeline = pipeline;
        this.archiveName = archiveName;
        this.fixed = fixed;
        this.wid = wid;
        this.announcedSize = announcedSize;
        this.previousSlots = previousSlots;
        this.stats = new ArchiveStats(archiveName);
    }

    static IndexUpload dynamic(ChunkPipeline pipeline, String archiveName) {
        int wid = pipeline.target().createDynamicIndex(archiveName);
        return new IndexUpload(pipeline, archiveName, false, wid, -1, null);
    }

    /**
     * A fixed index; with {@code previousSlots} (the base snapshot's digests of an image of the
     * same size) the writer is incremental: the server copies the old index and only changed
     * slots are appended.
     */
    static IndexUpload fixed(ChunkPipeline pipeline, String archiveName, long size, byte[][] previousSlots,
            String reuseCsum) {
        int wid = pipeline.target().createFixedIndex(archiveName, size, previousSlots == null ? null : reuseCsum);
        return new IndexUpload(pipeline, archiveName, true, wid, size, previousSlots);
    }

    String archiveName() {
        return archiveName;
    }

    ArchiveStats stats() {
        return stats;
    }

    /** Hands the next chunk of the stream to the workers; blocks while too much is in flight. */
    void add(byte[] chunk) throws InterruptedException {
        long start = offset;
        offset += chunk.length;
        if (fixed && offset > announcedSize) {
            throw new IllegalStateException(archiveName + ": image grew beyond its announced size " + announcedSize);
        }
        drain(false);
        pipeline.acquire(chunk.length);
        try {
            pending.add(CompletableFuture.supplyAsync(() -> process(chunk, start), pipeline.workers()));
        } catch (RuntimeException e) {
            pipeline.release(chunk.length);
            throw e;
        }
    }

    /**
     * Appends a chunk of the previous snapshot without its data (change detection "metadata"): the
     * server counts it as known since its index was downloaded with {@code GET /previous}.
     */
    void addKnown(byte[] digest, int size) throws InterruptedException {
        if (fixed) {
            throw new IllegalStateException("known chunks are only appended to dynamic indexes");
        }
        long start = offset;
        offset += size;
        drain(false);
        pending.add(CompletableFuture.completedFuture(new ChunkResult(digest.clone(), size, start, false, 0, null)));
    }

    /** Runs on a worker: digest, known check, encode, upload. */
    private ChunkResult process(byte[] data, long start) {
        try {
            byte[] digest = pipeline.digest(data, fixed);
            KnownChunks.Claim claim = pipeline.known().claim(digest);
            if (!claim.owner()) {
                return new ChunkResult(digest, data.length, start, false, 0, claim.uploaded());
            }
            try {
                byte[] blob = pipeline.encode(data);
                pipeline.target().uploadChunk(fixed, wid, digest, data.length, blob);
                claim.uploaded().complete(null);
                return new ChunkResult(digest, data.length, start, true, blob.length, null);
            } catch (RuntimeException | Error e) {
                claim.uploaded().completeExceptionally(e);
                throw e;
            }
        } finally {
            pipeline.release(data.length);
        }
    }

    /** Takes finished chunks off the head of the queue, in order; {@code all} waits for every one. */
    private void drain(boolean all) throws InterruptedException {
        while (!pending.isEmpty() && (all || pending.peek().isDone())) {
            ChunkResult r = await(pending.poll());
            if (r.waitFor() != null) {
                await(r.waitFor());
            }
            accept(r);
        }
    }

    private void accept(ChunkResult r) {
        long end = r.offset() + r.size();
        if (fixed) {
            csum.update(r.digest());
        } else {
            csum.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(end).array());
            csum.update(r.digest());
        }
        stats.chunk(r.size(), r.uploaded(), r.encodedSize());
        pipeline.progress().chunkDone(r.size(), r.uploaded() ? r.size() : 0);
        if (previousSlots != null) {
            int slot = (int) (r.offset() / ImageUpload.CHUNK_SIZE);
            if (slot < previousSlots.length && Arrays.equals(previousSlots[slot], r.digest())) {
                return; // unchanged slot: already in the server's copy of the old index
            }
        }
        batchDigests.add(r.digest());
        batchOffsets.add(r.offset());
        if (batchDigests.size() >= APPEND_BATCH) {
            flush();
        }
    }

    private void flush() {
        if (batchDigests.isEmpty()) {
            return;
        }
        pipeline.target().append(fixed, wid, List.copyOf(batchDigests), List.copyOf(batchOffsets));
        appended += batchDigests.size();
        batchDigests.clear();
        batchOffsets.clear();
    }

    /** Waits for the rest, appends it and closes the index; returns size and checksum for the manifest. */
    ArchiveStats finish() throws InterruptedException {
        drain(true);
        flush();
        if (fixed && offset != announcedSize) {
            throw new IllegalStateException(archiveName + ": read " + offset + " bytes but the image has "
                    + announcedSize + " (did it change during the backup?)");
        }
        byte[] sum = csum.digest();
        pipeline.target().closeIndex(fixed, wid, appended, offset, sum);
        stats.finish(offset, sum);
        return stats;
    }

    /** Drops what is queued after a failure (workers may still run; the session is aborted anyway). */
    void abort() {
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }

    private static <T> T await(CompletableFuture<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
