package org.pbsj.core.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

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
 * One garbage collection run (datastore-jobs.md §1) as a sequence of units that can be stopped
 * after any of them and resumed from a {@link GcCheckpoint}: phase 1 marks one index file per
 * unit (atime = now, each chunk once through an in-memory digest set), phase 2 sweeps one of the
 * 65536 prefix directories per unit, removing chunks whose atime is older than
 * {@code min(T0 − 24 h, oldest writer) − 5 min}.
 *
 * <p>A resumed run keeps the first start's T0, so chunks marked before the interruption stay
 * marked; it marks again every index file after the last one done and every index file written
 * since T0 (new backups), and takes the older of the two oldest writers. Holds the chunk store's
 * exclusive GC lock from {@link #start} to {@link #close}. Not thread-safe.
 */
public final class GcRun implements AutoCloseable {
    static final long MIN_AGE_SECONDS = 86_400;
    static final long SAFETY_GAP_SECONDS = 300;

    private final Datastore store;
    private final LocalChunkStore chunks;
    private final JobLog log;
    private final BooleanSupplier aborted;
    private final ChunkStoreLock.Guard guard;
    private final DigestSet seen = new DigestSet(1 << 16);
    private final byte[] digest = new byte[32];
    private final long t0;
    private final List<Path> indexes;
    private final long oldestWriter;
    private int nextIndex;
    private boolean listedAllMarks;
    private int nextSweep;
    private int markedUnits;
    private boolean sweeping;
    private String lastIndex;
    private int nextPrefix;
    private long cutoff;
    private int lastPercent;
    private long indexFileCount, indexDataBytes, strange;
    private long diskBytes, diskChunks, removedBytes, removedChunks, pendingBytes, pendingChunks, removedBad, stillBad;

    private GcRun(Datastore store, JobLog log, BooleanSupplier aborted, ChunkStoreLock.Guard guard, long t0,
            long oldestWriter, GcCheckpoint from) {
        this.store = store;
        this.chunks = store.chunkStore();
        this.log = log;
        this.aborted = aborted;
        this.guard = guard;
        this.t0 = t0;
        this.oldestWriter = oldestWriter;
        this.indexes = IndexWalker.indexFiles(store.basePath()).stream()
                .sorted(Comparator.comparing(Path::toString)).toList();
        if (from != null) {
            sweeping = from.sweeping();
            lastIndex = from.lastIndex();
            nextPrefix = from.nextPrefix();
            listedAllMarks = sweeping;
            nextSweep = sweeping ? nextPrefix : 0;
            markedUnits = 0;
            indexFileCount = from.indexFileCount();
            indexDataBytes = from.indexDataBytes();
            diskBytes = from.diskBytes();
            diskChunks = from.diskChunks();
            removedBytes = from.removedBytes();
            removedChunks = from.removedChunks();
            pendingBytes = from.pendingBytes();
            pendingChunks = from.pendingChunks();
            removedBad = from.removedBad();
            stillBad = from.stillBad();
        }
    }

    /**
     * Takes the GC lock and starts a run, or resumes {@code from} (null: a new run at the clock's now).
     *
     * @throws LockedException if GC already runs in this process or another process holds the store
     */
    public static GcRun start(Datastore store, Clock clock, JobLog log, BooleanSupplier aborted, GcCheckpoint from) {
        ChunkStoreLock.Guard guard;
        try {
            guard = store.chunkStore().lockExclusive();
        } catch (LockedException e) {
            throw new LockedException(store.basePath(), "Start GC failed - (already running/locked): " + e.getMessage(), e);
        }
        try {
            long now = clock.instant().getEpochSecond();
            long writer = store.chunkStore().oldestSharedLock().orElse(now);
            GcRun run = from == null ? new GcRun(store, log, aborted, guard, now, writer, null)
                    : new GcRun(store, log, aborted, guard, from.t0(), Math.min(from.oldestWriter(), writer), from);
            run.begin(from != null);
            return run;
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    private void begin(boolean resumed) {
        if (!sweeping) {
            log.info(resumed ? "Resume GC phase1 (mark used chunks) after " + (lastIndex == null ? "start" : lastIndex)
                    : "Start GC phase1 (mark used chunks)");
        } else {
            startSweep(resumed);
        }
    }

    private void startSweep(boolean resumed) {
        sweeping = true;
        cutoff = cutoff(t0, oldestWriter);
        lastPercent = nextPrefix * 100 / LocalChunkStore.PREFIX_DIRS;
        log.info(resumed ? "Resume GC phase2 (sweep unused chunks) at prefix directory " + nextPrefix
                : "Start GC phase2 (sweep unused chunks)");
    }

    /** {@code min(T0 − 24 h, oldest writer) − 5 min}, epoch seconds. */
    static long cutoff(long t0, long oldestWriter) {
        return Math.min(t0 - MIN_AGE_SECONDS, oldestWriter) - SAFETY_GAP_SECONDS;
    }

    /** One unit of a run: mark one index file (counted or not), or sweep one prefix directory. */
    public sealed interface Unit extends java.io.Serializable {
    }

    /** Marks {@code index}; {@code count}: it adds to the statistics (not when marked again after a resume). */
    public record Mark(String index, boolean count) implements Unit {
    }

    public record Sweep(int prefix) implements Unit {
    }

    /** The next unit to do (after those handed out already), or null at the end of the run. */
    public Unit next() {
        while (!listedAllMarks && nextIndex < indexes.size()) {
            Path p = indexes.get(nextIndex++);
            boolean after = lastIndex == null || p.toString().compareTo(lastIndex) > 0;
            if (after || writtenSinceStart(p)) {
                // one counted before the interruption, or new: marked for safety, not counted again
                return new Mark(p.toString(), after);
            }
        }
        listedAllMarks = true;
        return nextSweep < LocalChunkStore.PREFIX_DIRS ? new Sweep(nextSweep++) : null;
    }

    /** Does {@code unit}, in the order {@link #next} handed them out. */
    public void process(Unit unit) {
        JobLog.checkAbort(aborted);
        if (unit instanceof Mark m) {
            Path p = Path.of(m.index());
            mark(p, m.count());
            if (m.count()) {
                lastIndex = m.index();
            }
            markedUnits++;
            logPercent("marked", markedUnits, indexes.size(), " index files");
        } else if (unit instanceof Sweep w) {
            if (!sweeping) {
                if (strange > 0) {
                    log.info("found (and marked) " + strange + " index files outside of expected directory scheme");
                }
                startSweep(false);
            }
            sweep(w.prefix());
            nextPrefix = w.prefix() + 1;
            logPercent("processed", nextPrefix, LocalChunkStore.PREFIX_DIRS, " prefix directories");
        }
    }

    /** Does the next unit of work; false when the run has nothing left (then call {@link #finish}). */
    public boolean step() {
        Unit u = next();
        if (u == null) {
            return false;
        }
        process(u);
        return true;
    }

    /** Where the run stands after the last {@link #step}. */
    public GcCheckpoint checkpoint() {
        return new GcCheckpoint(t0, oldestWriter, sweeping, lastIndex, nextPrefix, indexFileCount, indexDataBytes,
                diskBytes, diskChunks, removedBytes, removedChunks, pendingBytes, pendingChunks, removedBad, stillBad);
    }

    /** Reports the statistics and writes {@code .gc-status}. */
    public GcStatus finish(String upid) {
        GcStatus s = new GcStatus(upid, indexFileCount, indexDataBytes, diskBytes, diskChunks, removedBytes,
                removedChunks, pendingBytes, pendingChunks, removedBad, stillBad);
        GcReport.log(log, s);
        store.writeGcStatus(s);
        return s;
    }

    @Override
    public void close() {
        guard.close();
    }

    /** Written since T0 (a backup made meanwhile): a resumed run marks it even before its last index. */
    private boolean writtenSinceStart(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() / 1000 >= t0;
        } catch (IOException e) {
            return false; // removed by prune meanwhile
        }
    }

    private void mark(Path p, boolean count) {
        IndexFile index;
        try {
            index = IndexFile.open(p);
        } catch (NoSuchFileException e) {
            return; // removed by prune meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("unable to open index " + p, e);
        }
        if (count) {
            if (!inScheme(p)) {
                strange++;
            }
            indexFileCount++;
            indexDataBytes += index.size();
        }
        for (int i = 0; i < index.count(); i++) {
            if ((i & 1023) == 0) {
                JobLog.checkAbort(aborted);
            }
            index.digest(i, digest, 0);
            if (seen.add(digest, 0) && !chunks.touchIfExists(digest)) {
                log.warn("warning: unable to access non-existent chunk " + HexFormat.of().formatHex(digest)
                        + ", required by " + p);
                chunks.touchBadCopies(digest.clone());
            }
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

    private void sweep(int prefix) {
        for (ChunkEntry e : chunks.chunks(prefix)) {
            boolean bad = e.bad();
            if (e.atime() < cutoff && chunks.removeIfAtimeBefore(e, cutoff)) {
                if (bad) {
                    removedBad++;
                } else {
                    removedChunks++;
                }
                removedBytes += e.size();
                continue;
            }
            // kept, or touched (or removed) since it was listed: in use
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
        }
    }

    private void logPercent(String what, int done, int total, String unit) {
        int percent = (int) (done * 100L / Math.max(1, total));
        if (percent > lastPercent) {
            lastPercent = percent;
            log.info(String.format(Locale.ROOT, "%s %d%% (%d of %d%s)", what, percent, done, total, unit));
        }
    }
}
