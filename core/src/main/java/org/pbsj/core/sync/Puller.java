package org.pbsj.core.sync;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.LockedGroup;
import org.pbsj.core.job.DigestSet;
import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.store.ChunkStoreLock;

/**
 * A sync (pull) of a source into a local datastore ({@code datastore-jobs.md} §4.2): namespaces
 * parents first, groups in PBS order through the {@link GroupFilter}, per group the snapshots
 * {@link PullPlanner} picks, each transferred by {@link SnapshotPuller}. A failing namespace or
 * group is logged and counted and the pull goes on; {@link #run} then throws
 * {@link SyncException} "sync failed with some errors". The shared chunk-store lock is held for
 * the whole run, so a concurrent GC keeps every chunk inserted or touched meanwhile.
 */
public final class Puller {
    private final Datastore target;
    private final SyncSource source;
    private final SyncOptions options;
    private final JobLog log;
    private final BooleanSupplier aborted;
    private final SyncStats stats = new SyncStats();
    private final SnapshotPuller snapshots;

    /**
     * @param pool        runs chunk downloads ({@code parallelism} at a time; a rejected task runs on the caller)
     * @param parallelism concurrent chunk downloads
     */
    public Puller(Datastore target, SyncSource source, SyncOptions options, JobLog log, BooleanSupplier aborted,
            Executor pool, int parallelism) {
        this.target = target;
        this.source = source;
        this.options = options;
        this.log = log;
        this.aborted = aborted;
        this.snapshots = new SnapshotPuller(target, log, aborted, pool, parallelism,
                RateLimiter.of(options.rateIn(), options.burstIn()), stats);
    }

    /** Package-private for tests: a rate limiter with a fake clock. */
    Puller(Datastore target, SyncSource source, SyncOptions options, JobLog log, BooleanSupplier aborted,
            Executor pool, int parallelism, RateLimiter limiter) {
        this.target = target;
        this.source = source;
        this.options = options;
        this.log = log;
        this.aborted = aborted;
        this.snapshots = new SnapshotPuller(target, log, aborted, pool, parallelism, limiter, stats);
    }

    /** Runs the pull; returns its counters, or throws {@link SyncException} if anything failed. */
    public SyncStats.Totals run() {
        int depth = options.effectiveDepth();
        if (options.ns().depth() + depth > BackupNamespace.MAX_DEPTH) {
            throw new SyncException("max-depth " + depth + " below target namespace '" + options.ns()
                    + "' exceeds the namespace depth limit of " + BackupNamespace.MAX_DEPTH);
        }
        try (ChunkStoreLock.Guard lock = target.chunkStore().lockShared()) {
            List<BackupNamespace> namespaces = options.remoteNs().isRoot() && depth == 0 ? List.of(BackupNamespace.ROOT)
                    : PullPlanner.sortNamespaces(source.namespaces(options.remoteNs(), depth));
            log.info("found " + namespaces.size() + " namespace(s) to sync");
            Set<BackupNamespace> synced = new HashSet<>();
            for (BackupNamespace ns : namespaces) {
                JobLog.checkAbort(aborted);
                BackupNamespace t;
                try {
                    t = options.map(ns);
                    ensureNamespace(t);
                } catch (JobAbortedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    error("cannot create target namespace for '" + ns + "': " + e.getMessage());
                    continue;
                }
                synced.add(t);
                try {
                    pullNamespace(ns, t);
                } catch (JobAbortedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    error("sync namespace '" + ns + "' failed - " + e.getMessage());
                }
            }
            if (options.removeVanished()) {
                removeVanishedNamespaces(synced, depth);
            }
        }
        SyncStats.Totals t = stats.totals();
        log.info("sync done: " + t.snapshots() + " snapshot(s), " + t.files() + " file(s), " + t.chunksDownloaded()
                + " chunk(s) downloaded, " + t.chunksPresent() + " already present, " + t.bytesDownloaded() + " bytes");
        if (t.errors() > 0) {
            throw new SyncException("sync failed with some errors.");
        }
        return t;
    }

    public SyncStats.Totals totals() {
        return stats.totals();
    }

    private void ensureNamespace(BackupNamespace ns) {
        if (target.namespaceExists(ns)) {
            return;
        }
        ensureNamespace(ns.parent());
        log.info("creating namespace '" + ns + "'");
        target.createNamespace(ns);
    }

    private void pullNamespace(BackupNamespace sourceNs, BackupNamespace targetNs) {
        List<BackupGroup> groups = PullPlanner.sortGroups(source.groups(sourceNs));
        Set<String> sourceKeys = new HashSet<>();
        int selected = 0;
        for (BackupGroup g : groups) {
            sourceKeys.add(PullPlanner.key(g));
            if (!options.groupFilter().matches(g)) {
                continue;
            }
            selected++;
            JobLog.checkAbort(aborted);
            BackupGroup tg = new BackupGroup(targetNs, g.type(), g.id());
            try (LockedGroup locked = target.createLockedGroup(tg, options.owner())) {
                if (!locked.owner().equals(options.owner())) {
                    error("sync group " + tg + " failed - owner check failed (" + options.owner() + " != "
                            + locked.owner() + ")");
                    continue;
                }
                pullGroup(g, tg);
            } catch (JobAbortedException e) {
                throw e;
            } catch (RuntimeException e) {
                error("sync group " + tg + " failed - " + e.getMessage());
            }
        }
        log.info("namespace '" + sourceNs + "': " + selected + " of " + groups.size() + " group(s) selected");
        if (options.removeVanished()) {
            for (BackupGroup g : PullPlanner.vanishedGroups(target.listGroups(targetNs), sourceKeys, options.groupFilter())) {
                Optional<String> owner = target.owner(g);
                if (owner.isEmpty() || !Datastore.ownerMatches(owner.get(), options.owner())) {
                    continue;
                }
                log.info("delete vanished group '" + g + "'");
                try {
                    if (target.removeGroup(g)) {
                        stats.removedGroups.incrementAndGet();
                    } else {
                        log.warn("kept some protected snapshots of group '" + g + "'");
                    }
                } catch (RuntimeException e) {
                    error("cannot delete vanished group '" + g + "': " + e.getMessage());
                }
            }
        }
    }

    private void pullGroup(BackupGroup sourceGroup, BackupGroup targetGroup) {
        List<SyncSource.SourceSnapshot> list = source.snapshots(sourceGroup);
        OptionalLong lastSync = target.lastFinishedSnapshot(targetGroup).map(d -> OptionalLong.of(d.time()))
                .orElse(OptionalLong.empty());
        PullPlanner.GroupPlan plan = PullPlanner.planGroup(list, lastSync, options.transferLast());
        if (plan.skippedOlder() > 0) {
            log.info("group " + targetGroup + ": skipped " + plan.skippedOlder() + " snapshot(s) older than the newest local one");
        }
        if (plan.skippedTransferLast() > 0) {
            log.info("group " + targetGroup + ": skipped " + plan.skippedTransferLast() + " snapshot(s) due to transfer-last");
        }
        DigestSet downloaded = new DigestSet();
        for (long time : plan.pull()) {
            JobLog.checkAbort(aborted);
            try (SyncSource.SnapshotReader reader = source.open(new BackupDir(sourceGroup, time))) {
                if (snapshots.pull(reader, new BackupDir(targetGroup, time), downloaded)) {
                    stats.snapshots.incrementAndGet();
                }
            }
        }
        if (options.removeVanished()) {
            List<Long> local = target.listSnapshots(targetGroup).stream().map(BackupDir::time).toList();
            for (long time : PullPlanner.vanishedSnapshots(local, plan.sourceTimes())) {
                BackupDir d = new BackupDir(targetGroup, time);
                if (target.isProtected(d)) {
                    log.info("don't delete vanished snapshot " + d + " (protected)");
                    continue;
                }
                log.info("delete vanished snapshot " + d);
                target.removeSnapshot(d, false);
                stats.removedSnapshots.incrementAndGet();
            }
        }
    }

    /** Local namespaces below the target anchor that were not synced, children first (§4.2 step 6). */
    private void removeVanishedNamespaces(Set<BackupNamespace> synced, int depth) {
        if (stats.errors.get() > 0) {
            log.info("not removing vanished namespaces: there were errors");
            return;
        }
        List<BackupNamespace> local = target.listNamespacesRecursive(options.ns(), depth).stream()
                .filter(ns -> !synced.contains(ns))
                .sorted((a, b) -> Integer.compare(b.depth(), a.depth())).toList();
        for (BackupNamespace ns : local) {
            if (ns.isRoot() || !options.namespaceRemovable().test(ns)) {
                continue;
            }
            log.info("delete vanished namespace '" + ns + "'");
            try {
                if (target.removeNamespace(ns, true)) {
                    stats.removedNamespaces.incrementAndGet();
                } else {
                    log.warn("kept namespace '" + ns + "': it still holds protected snapshots");
                }
            } catch (RuntimeException e) {
                error("cannot delete vanished namespace '" + ns + "': " + e.getMessage());
            }
        }
    }

    private void error(String message) {
        stats.errors.incrementAndGet();
        log.warn(message);
    }
}
