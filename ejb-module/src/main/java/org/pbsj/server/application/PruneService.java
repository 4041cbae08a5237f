package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_MODIFY;
import static org.pbsj.server.auth.Privilege.DATASTORE_PRUNE;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.prune.KeepOptions;
import org.pbsj.core.prune.PruneExecutor;
import org.pbsj.core.prune.PrunePlanner;
import org.pbsj.core.prune.SnapshotInfo;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.PruneJobConfig;

/**
 * Prune ({@code datastore-jobs.md} §3): the synchronous group prune of the API, and the
 * {@code prune} batch job over a namespace tree (API {@code prune-datastore}, prune jobs). The
 * rules are {@link org.pbsj.core.prune.PrunePlanner}'s; this class only checks privileges and
 * picks the groups.
 */
@Stateless
public class PruneService {
    public static final String JOB_XML = "prune";

    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;
    @Inject
    JobLauncher launcher;
    @Inject
    JobStateService states;

    /**
     * {@code POST /admin/datastore/{store}/prune} without a task: Datastore.Modify, or
     * Datastore.Prune on own groups. No keep option keeps everything.
     */
    public List<PruneExecutor.Result> pruneGroup(AuthService.Caller caller, SnapshotSelector sel, KeepOptions keep,
            boolean dryRun) {
        Datastore ds = checkGroup(caller, sel);
        return CoreErrors.call(() -> new PruneExecutor(ds, ZoneId.systemDefault(), JobLog.NONE, () -> false)
                .pruneGroup(sel.group(), keep, dryRun));
    }

    /** The same with {@code use-task=true}: a {@code prune} task; returns the UPID. */
    public String startGroupTask(AuthService.Caller caller, SnapshotSelector sel, KeepOptions keep, boolean dryRun) {
        checkGroup(caller, sel);
        BackupGroup g = sel.group();
        Map<String, String> p = params(sel.storeName(), g.ns(), null, keep, dryRun, null);
        p.put("backup-type", g.type().value());
        p.put("backup-id", g.id());
        return launcher.start(new JobLauncher.TaskSpec("prune", sel.storeName() + ":" + g.ns() + ":" + g, caller.authId(),
                sel.storeName(), null, null), JOB_XML, p);
    }

    /** {@code POST /admin/datastore/{store}/prune-datastore}: Modify (all groups) or Prune (own groups). */
    public String startDatastore(AuthService.Caller caller, String store, String ns, Integer maxDepth, KeepOptions keep,
            boolean dryRun) {
        SnapshotSelector sel = SnapshotSelector.namespace(store, ns);
        String name = sel.storeName();
        BackupNamespace n = sel.namespace();
        boolean full = NamespaceAccess.full(permissions.tree(), caller, name, n, Privilege.mask(DATASTORE_MODIFY),
                Privilege.mask(DATASTORE_PRUNE));
        Datastore ds = datastores.lookup(name);
        if (!ds.namespaceExists(n)) {
            throw ServiceException.notFound("namespace '" + n + "' does not exist");
        }
        return launcher.start(new JobLauncher.TaskSpec("prune", name + ":" + n, caller.authId(), name, null, null),
                JOB_XML, params(name, n, maxDepth, keep, dryRun, full ? null : caller.authId()));
    }

    /** One line of a prune simulation: a snapshot, whether it stays, and why ({@code keep-daily}, {@code protected}, …). */
    public record Simulated(BackupDir dir, String mark, boolean keep, String reason) {
    }

    /**
     * A dry run of {@code prune-datastore} without a task, for the GUI's simulation: every group
     * below {@code ns} the caller may prune (Modify: all, Prune: own groups), each snapshot with
     * the plan's mark and the rule that keeps it. No keep option keeps everything.
     */
    public List<Simulated> simulate(AuthService.Caller caller, String store, String ns, Integer maxDepth,
            KeepOptions keep) {
        SnapshotSelector sel = SnapshotSelector.namespace(store, ns);
        String name = sel.storeName();
        BackupNamespace n = sel.namespace();
        boolean full = NamespaceAccess.full(permissions.tree(), caller, name, n, Privilege.mask(DATASTORE_MODIFY),
                Privilege.mask(DATASTORE_PRUNE));
        Datastore ds = datastores.lookup(name);
        if (!ds.namespaceExists(n)) {
            throw ServiceException.notFound("namespace '" + n + "' does not exist");
        }
        int depth = maxDepth == null ? BackupNamespace.MAX_DEPTH : maxDepth;
        return CoreErrors.call(() -> {
            List<Simulated> out = new java.util.ArrayList<>();
            for (BackupNamespace child : ds.listNamespacesRecursive(n, depth)) {
                for (BackupGroup g : ds.listGroups(child)) {
                    if (full || ds.owner(g).map(o -> Datastore.ownerMatches(o, caller.authId())).orElse(false)) {
                        out.addAll(simulateGroup(ds, g, keep));
                    }
                }
            }
            return out;
        });
    }

    private static List<Simulated> simulateGroup(Datastore ds, BackupGroup g, KeepOptions keep) {
        Map<String, BackupDir> byId = new LinkedHashMap<>();
        List<SnapshotInfo> infos = new java.util.ArrayList<>();
        for (BackupDir d : ds.listSnapshots(g)) {
            byId.put(d.toString(), d);
            infos.add(new SnapshotInfo(d.toString(), d.time(), ds.isFinished(d), ds.isProtected(d)));
        }
        ZoneId zone = ZoneId.systemDefault();
        Map<String, String> reasons = PrunePlanner.keepReasons(infos, keep, zone);
        return PrunePlanner.plan(infos, keep, zone).stream().map(e -> {
            boolean kept = !keep.keepsSomething() || e.mark().keep();
            String reason = keep.keepsSomething() ? reasons.get(e.snapshot().id()) : "no keep options";
            return new Simulated(byId.get(e.snapshot().id()), e.mark().toString(), kept, reason);
        }).toList();
    }

    /** Runs a configured prune job as {@code prunejob} (privileges checked by the caller). */
    public String startJob(PruneJobConfig job, String authId) {
        datastores.lookup(job.getStore());
        KeepOptions keep = JobConfigs.keepOptions(job.getKeepLast(), job.getKeepHourly(), job.getKeepDaily(), job.getKeepWeekly(),
                job.getKeepMonthly(), job.getKeepYearly());
        String upid = launcher.start(new JobLauncher.TaskSpec("prunejob", job.getId(), authId, job.getStore(), null, null),
                JOB_XML, params(job.getStore(), SnapshotSelector.parseNamespace("ns", job.getNs()), job.getMaxDepth(), keep,
                        false, null));
        states.recordStart(PruneJobService.jobId(job.getId()), upid);
        return upid;
    }

    /** The job's one call: prunes the groups its parameters name; returns the per-snapshot results. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<PruneExecutor.Result> run(Map<String, String> p, JobLog log, BooleanSupplier aborted) {
        Datastore ds = datastores.lookup(p.get("store"));
        BackupNamespace ns = SnapshotSelector.parseNamespace("ns", p.get("ns"));
        KeepOptions keep = new KeepOptions(num(p, "keep-last"), num(p, "keep-hourly"), num(p, "keep-daily"),
                num(p, "keep-weekly"), num(p, "keep-monthly"), num(p, "keep-yearly"));
        boolean dryRun = Boolean.parseBoolean(p.get("dry-run"));
        PruneExecutor ex = new PruneExecutor(ds, ZoneId.systemDefault(), log, aborted);
        log.info("Starting " + (dryRun ? "dry-run of " : "") + "prune on datastore '" + ds.name() + "'"
                + (ns.isRoot() ? "" : " namespace '" + ns + "'"));
        String type = p.get("backup-type");
        if (type != null && !type.isEmpty()) {
            return ex.pruneGroup(SnapshotSelector.group(ds.name(), p.get("ns"), type, p.get("backup-id")).group(), keep,
                    dryRun);
        }
        String owner = p.get("owner");
        Predicate<BackupGroup> groups = owner == null || owner.isEmpty() ? g -> true
                : g -> ds.owner(g).map(o -> Datastore.ownerMatches(o, owner)).orElse(false);
        String depth = p.get("max-depth");
        return ex.pruneNamespace(ns, depth == null || depth.isEmpty() ? BackupNamespace.MAX_DEPTH : Integer.parseInt(depth),
                keep, dryRun, groups);
    }


    private Datastore checkGroup(AuthService.Caller caller, SnapshotSelector sel) {
        String store = sel.storeName();
        BackupGroup g = sel.group();
        boolean full = NamespaceAccess.full(permissions.tree(), caller, store, g.ns(), Privilege.mask(DATASTORE_MODIFY),
                Privilege.mask(DATASTORE_PRUNE));
        Datastore ds = datastores.lookup(store);
        NamespaceAccess.requireOwnerUnlessFull(full, ds, g, caller);
        if (!ds.groupExists(g)) {
            throw ServiceException.notFound(NamespaceAccess.describe(g) + " does not exist");
        }
        return ds;
    }

    private static Map<String, String> params(String store, BackupNamespace ns, Integer maxDepth, KeepOptions k,
            boolean dryRun, String owner) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("store", store);
        p.put("ns", ns.toString());
        p.put("max-depth", maxDepth == null ? "" : maxDepth.toString());
        p.put("keep-last", Integer.toString(k.keepLast()));
        p.put("keep-hourly", Integer.toString(k.keepHourly()));
        p.put("keep-daily", Integer.toString(k.keepDaily()));
        p.put("keep-weekly", Integer.toString(k.keepWeekly()));
        p.put("keep-monthly", Integer.toString(k.keepMonthly()));
        p.put("keep-yearly", Integer.toString(k.keepYearly()));
        p.put("dry-run", Boolean.toString(dryRun));
        p.put("owner", owner == null ? "" : owner);
        return p;
    }

    private static int num(Map<String, String> p, String key) {
        String v = p.get(key);
        return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
    }

}
