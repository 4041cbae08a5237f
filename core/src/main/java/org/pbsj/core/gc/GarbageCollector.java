package org.pbsj.core.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.job.DigestSet;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.store.ChunkEntry;
import org.pbsj.core.store.ChunkStoreLock;
import org.pbsj.core.store.LocalChunkStore;
import org.pbsj.core.store.LockedException;

/**
 * Garbage collection of one datastore (datastore-jobs.md §1): mark every chunk referenced by an
 * index (atime = now), then sweep chunks whose atime is older than the cutoff
 * {@code min(T0 − 24 h, oldest writer) − 5 min}. A chunk is touched once per run (an in-memory
 * set of seen digests); missing chunks keep their {@code .bad} copies alive.
 *
 * <p>The cutoff is computed from {@link Clock} (T0) and the chunk store's oldest shared lock, so
 * tests shift time with the clock. One instance per run; not thread-safe.
 */
public final class GarbageCollector {
    static final long MIN_AGE_SECONDS = 86_400;
    static final long SAFETY_GAP_SECONDS = 300;

    private final Datastore store;
    private final LocalChunkStore chunks;
    private final Clock clock;
    private final JobLog log;
    private final BooleanSupplier aborted;

    private long indexFileCount;
    private long indexDataBytes;

    public GarbageCollector(Datastore store, Clock clock, JobLog log, BooleanSupplier aborted) {
        this.store = store;
        this.chunks = store.chunkStore();
        this.clock = clock;
        this.log = log;
        this.aborted = aborted;
    }

    /**
     * Runs both phases and writes {@code .gc-status} (only on success).
     *
     * @throws LockedException if GC already runs in this process or another process holds the store
     * @throws org.pbsj.core.job.JobAbortedException if the cancellation flag was raised
     */
    public GcStatus run(String upid) {
        ChunkStoreLock.Guard guard;
        try {
            guard = chunks.lockExclusive();
        } catch (LockedException e) {
            throw new LockedException(store.basePath(), "Start GC failed - (already running/locked): " + e.getMessage(), e);
        }
        try (guard) {
            long t0 = clock.instant().getEpochSecond();
            long oldestWriter = chunks.oldestSharedLock().orElse(t0);
            log.info("Start GC phase1 (mark used chunks)");
            mark();
            log.info("Start GC phase2 (sweep unused chunks)");
            long cutoff = cutoff(t0, oldestWriter);
            GcStatus status = sweep(upid, cutoff, oldestWriter);
            report(status);
            store.writeGcStatus(status);
            return status;
        }
    }

    /** {@code min(T0 − 24 h, oldest writer) − 5 min}, epoch seconds. */
    static long cutoff(long t0, long oldestWriter) {
        return Math.min(t0 - MIN_AGE_SECONDS, oldestWriter) - SAFETY_GAP_SECONDS;
    }

    private void mark() {
        List<Path> indexes = IndexWalker.indexFiles(store.basePath());
        DigestSet seen = new DigestSet(1 << 16);
        byte[] digest = new byte[32];
        int lastPercent = 0;
        long strange = 0;
        for (int n = 0; n < indexes.size(); n++) {
            Path p = indexes.get(n);
            IndexFile index;
            try {
                index = IndexFile.open(p);
            } catch (NoSuchFileException e) {
                continue; // removed by prune meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException("unable to open index " + p, e);
            }
            if (!inScheme(p)) {
                strange++;
            }
            indexFileCount++;
            indexDataBytes += index.size();
            for (int i = 0; i < index.count(); i++) {
                JobLog.checkAbort(aborted);
                index.digest(i, digest, 0);
                if (seen.add(digest, 0) && !chunks.touchIfExists(digest)) {
                    log.warn("warning: unable to access non-existent chunk " + HexFormat.of().formatHex(digest)
                            + ", required by " + p);
                    chunks.touchBadCopies(digest.clone());
                }
            }
            int percent = (int) ((n + 1) * 100L / indexes.size());
            if (percent > lastPercent) {
                lastPercent = percent;
                log.info("marked " + percent + "% (" + (n + 1) + " of " + indexes.size() + " index files)");
            }
        }
        if (strange > 0) {
            log.info("found (and marked) " + strange + " index files outside of expected directory scheme");
        }
    }

    /** Parent directory parses as {@code [ns path/]type/id/time}. */
    private boolean inScheme(Path index) {
        try {
            BackupDir.parse(store.basePath().relativize(index.getParent()).toString());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private GcStatus sweep(String upid, long cutoff, long oldestWriter) {
        long diskBytes = 0, diskChunks = 0, removedBytes = 0, removedChunks = 0;
        long pendingBytes = 0, pendingChunks = 0, removedBad = 0, stillBad = 0, processed = 0;
        int lastPercent = 0;
        try (Stream<ChunkEntry> all = chunks.chunks()) {
            for (ChunkEntry e : (Iterable<ChunkEntry>) all::iterator) {
                JobLog.checkAbort(aborted);
                processed++;
                boolean bad = e.bad();
                if (e.atime() < cutoff) {
                    if (chunks.removeIfAtimeBefore(e, cutoff)) {
                        if (bad) {
                            removedBad++;
                        } else {
                            removedChunks++;
                        }
                        removedBytes += e.size();
                        continue;
                    }
                    // touched (or removed) since it was listed: in use
                }
                if (e.atime() >= cutoff && e.atime() < oldestWriter) {
                    if (bad) {
                        stillBad++;
                    } else {
                        pendingChunks++;
                    }
                    pendingBytes += e.size();
                } else {
                    if (!bad) {
                        diskChunks++;
                    }
                    diskBytes += e.size();
                }
                int percent = (int) (Integer.parseInt(e.name().substring(0, 4), 16) * 100L / LocalChunkStore.PREFIX_DIRS);
                if (percent > lastPercent) {
                    lastPercent = percent;
                    log.info("processed " + percent + "% (" + processed + " chunks)");
                }
            }
        }
        return new GcStatus(upid, indexFileCount, indexDataBytes, diskBytes, diskChunks, removedBytes, removedChunks,
                pendingBytes, pendingChunks, removedBad, stillBad);
    }

    private void report(GcStatus s) {
        log.info("Removed garbage: " + bytes(s.removedBytes()));
        log.info("Removed chunks: " + s.removedChunks());
        if (s.pendingChunks() > 0) {
            log.info("Pending removals: " + bytes(s.pendingBytes()) + " (in " + s.pendingChunks() + " chunks)");
        }
        if (s.removedBad() > 0) {
            log.info("Removed bad chunks: " + s.removedBad());
        }
        if (s.stillBad() > 0) {
            log.info("Leftover bad chunks: " + s.stillBad());
        }
        log.info("Original data usage: " + bytes(s.indexDataBytes()));
        if (s.indexDataBytes() > 0) {
            log.info("On-Disk usage: " + bytes(s.diskBytes()) + " ("
                    + String.format(Locale.ROOT, "%.2f", s.diskBytes() * 100.0 / s.indexDataBytes()) + "%)");
        }
        log.info("On-Disk chunks: " + s.diskChunks());
        log.info("Deduplication factor: " + String.format(Locale.ROOT, "%.2f", dedupFactor(s)));
        if (s.diskChunks() > 0) {
            log.info("Average chunk size: " + bytes(s.diskBytes() / s.diskChunks()));
        }
    }

    /** index-data-bytes / disk-bytes, 1.0 for an empty store. */
    public static double dedupFactor(GcStatus s) {
        return s.diskBytes() == 0 ? 1.0 : (double) s.indexDataBytes() / s.diskBytes();
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.3f %s", v, units[u]);
    }
}
