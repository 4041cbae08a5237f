package org.pbsj.core.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.sync.PushOptions.TargetOperation;

/**
 * A push sync of a local datastore into a {@link PushTarget} (PBS 3.3 {@code sync-direction
 * push}): local namespaces parents first (missing ones are created on the target), groups in PBS
 * order through the {@link GroupFilter}, per group the snapshots newer than the target's newest
 * one ({@link PushPlanner}), each sent by {@link SnapshotPusher} through one backup session.
 * Target groups owned by somebody other than the target user are left alone. A failing
 * namespace or group is logged and counted and the push goes on; {@link #run} then throws
 * {@link SyncException} "sync failed with some errors". The {@link SyncStats} count uploads in
 * their "downloaded" counters (chunks and bytes transferred).
 */
public final class Pusher {
    private final Datastore source;
    private final PushTarget target;
    private final PushOptions options;
    private final JobLog log;
    private final BooleanSupplier aborted;
    private final SyncStats stats = new SyncStats();
    private final SnapshotPusher snapshots;

    /**
     * @param pool        runs chunk uploads ({@code parallelism} at a time; a rejected task runs on the caller)
     * @param parallelism concurrent chunk uploads
     */
    public Pusher(Datastore source, PushTarget target, PushOptions options, JobLog log, BooleanSupplier aborted,
            Executor pool, int parallelism) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.log = log;
        this.aborted = aborted;
        this.snapshots = new SnapshotPusher(source, target, log, aborted, pool, parallelism,
                RateLimiter.of(options.rateOut(), options.burstOut()), stats);
    }

    /** Runs the push; returns its counters, or throws {@link SyncException} if anything failed. */
    public SyncStats.Totals run() {
        int depth = options.effectiveDepth();
        if (options.remoteNs().depth() + depth > BackupNamespace.MAX_DEPTH) {
            throw new SyncException("max-depth " + depth + " below target namespace '" + options.remoteNs()
                    + "' exceeds the namespace depth limit of " + BackupNamespace.MAX_DEPTH);
        }
        if (!source.namespaceExists(options.ns())) {
            throw new SyncException("source namespace '" + options.ns() + "' does not exist in datastore '"
                    + source.name() + "'");
        }
        List<BackupNamespace> namespaces = PullPlanner.sortNamespaces(source.listNamespacesRecursive(options.ns(), depth))
                .stream().filter(options.source()::namespace).toList();
        log.info("found " + namespaces.size() + " namespace(s) to push");
        List<BackupNamespace> existing = new ArrayList<>(target.namespaces());
        Set<BackupNamespace> synced = new HashSet<>();
        for (BackupNamespace ns : namespaces) {
            JobLog.checkAbort(aborted);
            BackupNamespace t = options.map(ns);
            synced.add(t);
            try {
                ensureNamespace(t, existing);
            } catch (JobAbortedException e) {
                throw e;
            } catch (RuntimeException e) {
                error("cannot create target namespace '" + t + "': " + e.getMessage());
                continue;
            }
            try {
                pushNamespace(ns, t);
            } catch (JobAbortedException e) {
                throw e;
            } catch (RuntimeException e) {
                error("push namespace '" + ns + "' failed - " + e.getMessage());
            }
        }
        if (options.removeVanished()) {
            removeVanishedNamespaces(existing, synced, depth);
        }
        SyncStats.Totals t = stats.totals();
        log.info("push done: " + t.snapshots() + " snapshot(s), " + t.files() + " file(s), " + t.chunksDownloaded()
                + " chunk(s) uploaded, " + t.chunksPresent() + " already known, " + t.bytesDownloaded() + " bytes");
        if (t.errors() > 0) {
            throw new SyncException("sync failed with some errors.");
        }
        return t;
    }

    public SyncStats.Totals totals() {
        return stats.totals();
    }

    /** Creates {@code ns} and its missing parents on the target (Remote.DatastoreModify). */
    private void ensureNamespace(BackupNamespace ns, List<BackupNamespace> existing) {
        if (ns.isRoot() || existing.contains(ns)) {
            return;
        }
        if (!options.target().allows(ns, TargetOperation.MODIFY)) {
            throw new SyncException("creating namespace not allowed (Remote.DatastoreModify)");
        }
        ensureNamespace(ns.parent(), existing);
        target.createNamespace(ns);
        existing.add(ns);
        log.info("created new namespace on target: " + ns);
    }

    private void pushNamespace(BackupNamespace localNs, BackupNamespace targetNs) {
        if (!options.target().allows(targetNs, TargetOperation.BACKUP)) {
            throw new SyncException("pushing to remote namespace '" + targetNs + "' not allowed (Remote.DatastoreBackup)");
        }
        List<BackupGroup> all = PullPlanner.sortGroups(source.listGroups(localNs)).stream()
                .filter(g -> options.source().group(g, source.owner(g))).toList();
        List<BackupGroup> groups = all.stream().filter(options.groupFilter()::matches).toList();
        log.info("namespace '" + localNs + "': found " + groups.size() + " group(s) to push (out of " + all.size() + " total)");
        Map<String, String> targetOwners = new HashMap<>();
        for (PushTarget.TargetGroup tg : target.groups(targetNs)) {
            targetOwners.put(PullPlanner.key(tg.group()), tg.owner());
        }
        Set<String> pushed = new HashSet<>();
        for (BackupGroup g : groups) {
            JobLog.checkAbort(aborted);
            String key = PullPlanner.key(g);
            if (targetOwners.containsKey(key) && !Objects.equals(targetOwners.get(key), target.authId())) {
                log.warn("group '" + g + "' not owned by remote user '" + target.authId() + "' on target, skip");
                continue;
            }
            pushed.add(key);
            try {
                pushGroup(g, new BackupGroup(targetNs, g.type(), g.id()));
            } catch (JobAbortedException e) {
                throw e;
            } catch (RuntimeException e) {
                error("sync group '" + g + "' failed - " + e.getMessage());
            }
        }
        if (options.removeVanished()) {
            List<BackupGroup> owned = target.groups(targetNs).stream()
                    .filter(tg -> Objects.equals(tg.owner(), target.authId())).map(PushTarget.TargetGroup::group).toList();
            for (BackupGroup g : PullPlanner.vanishedGroups(owned, pushed, options.groupFilter())) {
                if (!options.target().allows(targetNs, TargetOperation.PRUNE)) {
                    error("cannot delete vanished group '" + g + "': pruning remote datastore contents not allowed"
                            + " (Remote.DatastorePrune)");
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

    private void pushGroup(BackupGroup local, BackupGroup remote) {
        List<BackupDir> dirs = source.listSnapshots(local);
        List<Long> finished = dirs.stream().filter(source::isFinished).map(BackupDir::time).toList();
        List<PushTarget.TargetSnapshot> existing = target.snapshots(remote);
        OptionalLong last = existing.stream().mapToLong(s -> s.dir().time()).max();
        PushPlanner.GroupPlan plan = PushPlanner.planGroup(finished, last, options.transferLast());
        if (plan.skippedAlreadySynced() > 0) {
            log.info("group " + local + ": skipped " + plan.skippedAlreadySynced() + " snapshot(s) already on the target");
        }
        if (plan.skippedTransferLast() > 0) {
            log.info("group " + local + ": skipped " + plan.skippedTransferLast() + " snapshot(s) due to transfer-last");
        }
        for (long time : plan.push()) {
            JobLog.checkAbort(aborted);
            if (snapshots.push(new BackupDir(local, time), new BackupDir(remote, time))) {
                stats.snapshots.incrementAndGet();
            }
        }
        if (options.removeVanished()) {
            Set<Long> localTimes = new HashSet<>();
            dirs.forEach(d -> localTimes.add(d.time()));
            for (PushTarget.TargetSnapshot s : existing) {
                if (localTimes.contains(s.dir().time())) {
                    continue;
                }
                if (s.isProtected()) {
                    log.info("don't delete vanished snapshot " + s.dir() + " (protected)");
                    continue;
                }
                if (!options.target().allows(remote.ns(), TargetOperation.PRUNE)) {
                    throw new SyncException("cannot delete vanished snapshot " + s.dir()
                            + ": pruning remote datastore contents not allowed (Remote.DatastorePrune)");
                }
                log.info("delete vanished snapshot " + s.dir());
                target.removeSnapshot(s.dir());
                stats.removedSnapshots.incrementAndGet();
            }
        }
    }

    /** Target namespaces below the target anchor (within max-depth) that were not pushed, children first. */
    private void removeVanishedNamespaces(List<BackupNamespace> existing, Set<BackupNamespace> synced, int depth) {
        if (stats.errors.get() > 0) {
            log.info("not removing vanished namespaces: there were errors");
            return;
        }
        List<BackupNamespace> vanished = existing.stream()
                .filter(ns -> !ns.isRoot() && options.remoteNs().contains(ns) && ns.depth() - options.remoteNs().depth() <= depth
                        && !synced.contains(ns) && synced.stream().noneMatch(ns::contains))
                .sorted((a, b) -> Integer.compare(b.depth(), a.depth())).toList();
        for (BackupNamespace ns : vanished) {
            if (!options.target().allows(ns, TargetOperation.MODIFY)) {
                error("cannot delete vanished namespace '" + ns + "': not allowed (Remote.DatastoreModify)");
                continue;
            }
            log.info("delete vanished namespace '" + ns + "'");
            try {
                if (target.removeNamespace(ns)) {
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
