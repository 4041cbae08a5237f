package org.pbsj.core.gc;

import java.time.Clock;
import java.util.function.BooleanSupplier;

import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.store.LockedException;

/**
 * Garbage collection of one datastore in one go (datastore-jobs.md §1): a {@link GcRun} from
 * start to end. The server's batch job drives a {@code GcRun} itself, with checkpoints.
 *
 * <p>The cutoff is computed from {@link Clock} (T0) and the chunk store's oldest shared lock, so
 * tests shift time with the clock. One instance per run; not thread-safe.
 */
public final class GarbageCollector {
    private final Datastore store;
    private final Clock clock;
    private final JobLog log;
    private final BooleanSupplier aborted;

    public GarbageCollector(Datastore store, Clock clock, JobLog log, BooleanSupplier aborted) {
        this.store = store;
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
        try (GcRun run = GcRun.start(store, clock, log, aborted, null)) {
            while (run.step()) {
                // each step marks one index file or sweeps one prefix directory
            }
            return run.finish(upid);
        }
    }

    /** {@code min(T0 − 24 h, oldest writer) − 5 min}, epoch seconds. */
    static long cutoff(long t0, long oldestWriter) {
        return GcRun.cutoff(t0, oldestWriter);
    }

    /** index-data-bytes / disk-bytes, 1.0 for an empty store. */
    public static double dedupFactor(GcStatus s) {
        return s.diskBytes() == 0 ? 1.0 : (double) s.indexDataBytes() / s.diskBytes();
    }

}
