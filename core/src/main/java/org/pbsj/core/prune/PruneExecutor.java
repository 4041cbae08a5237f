package org.pbsj.core.prune;

import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.store.StoreException;

/**
 * Applies {@link PrunePlanner} to a datastore (datastore-jobs.md §3.3): per group the plan is
 * executed oldest first, every {@link PruneMark#REMOVE} snapshot destroyed non-forced (a snapshot
 * in use fails with a warning, the rest continues), protected snapshots never. A dry run only
 * reports. Group directories stay even when emptied.
 */
public final class PruneExecutor {
    /** One snapshot's outcome, as the {@code prune} API lists it; {@code removed} only for a real run. */
    public record Result(BackupDir dir, PruneMark mark, boolean keep, boolean removed) {
        public boolean isProtected() {
            return mark == PruneMark.PROTECTED;
        }
    }

    private final Datastore store;
    private final ZoneId zone;
    private final JobLog log;
    private final BooleanSupplier aborted;

    public PruneExecutor(Datastore store, ZoneId zone, JobLog log, BooleanSupplier aborted) {
        this.store = store;
        this.zone = zone;
        this.log = log;
        this.aborted = aborted;
    }

    /** Prunes one group; the result is oldest first (PBS's order). */
    public List<Result> pruneGroup(BackupGroup group, KeepOptions keep, boolean dryRun) {
        List<BackupDir> dirs = store.listSnapshots(group);
        Map<String, BackupDir> byId = new HashMap<>();
        List<SnapshotInfo> infos = new ArrayList<>(dirs.size());
        for (BackupDir d : dirs) {
            String id = d.toString();
            byId.put(id, d);
            infos.add(new SnapshotInfo(id, d.time(), store.isFinished(d), store.isProtected(d)));
        }
        boolean keepAll = !keep.keepsSomething();
        List<PruneEntry> plan = PrunePlanner.plan(infos, keep, zone);
        List<Result> out = new ArrayList<>(plan.size());
        for (int i = plan.size() - 1; i >= 0; i--) { // oldest first
            PruneEntry e = plan.get(i);
            BackupDir d = byId.get(e.snapshot().id());
            boolean keepIt = keepAll || e.mark().keep();
            log.info(d + " " + e.mark());
            boolean removed = false;
            if (!keepIt && !dryRun) {
                JobLog.checkAbort(aborted);
                removed = remove(d);
            }
            out.add(new Result(d, e.mark(), keepIt, removed));
        }
        return out;
    }

    /**
     * Prunes every group below {@code ns} (down to {@code maxDepth}) that {@code groups} accepts
     * (the caller's permission filter); returns all results, group by group.
     */
    public List<Result> pruneNamespace(BackupNamespace ns, int maxDepth, KeepOptions keep, boolean dryRun,
            Predicate<BackupGroup> groups) {
        if (!keep.keepsSomething()) {
            log.info("No prune selection - keeping all files.");
        }
        List<Result> out = new ArrayList<>();
        for (BackupNamespace n : store.listNamespacesRecursive(ns, maxDepth)) {
            for (BackupGroup g : store.listGroups(n)) {
                JobLog.checkAbort(aborted);
                if (!groups.test(g)) {
                    continue;
                }
                log.info("Pruning group " + (n.isRoot() ? "" : n + ":") + g.type() + "/" + g.id());
                out.addAll(pruneGroup(g, keep, dryRun));
            }
        }
        return out;
    }

    private boolean remove(BackupDir d) {
        try {
            store.removeSnapshot(d, false);
            return true;
        } catch (StoreException | UncheckedIOException e) {
            log.warn("failed to remove dir " + d + ": " + e.getMessage());
            return false;
        }
    }
}
