package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.DATASTORE_VERIFY;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.verify.Verifier;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.VerifyJobConfig;

/**
 * Verification ({@code datastore-jobs.md} §2): starts the {@code verify} batch job for a snapshot,
 * a group or a namespace tree, lists what the job verifies, and builds the core {@link Verifier}
 * the job's steps use (its chunk checks run on the container's managed executor).
 */
@Stateless
public class VerifyService {
    public static final String JOB_XML = "verify";
    /** Chunk checks in parallel: two cores are what the deployment target has. */
    static final int PARALLELISM = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;
    @Inject
    JobLauncher launcher;
    @Inject
    JobStateService states;
    @Inject
    Clock clock;
    @Resource
    ManagedExecutorService executor;

    /** What a verify run covers and how: the job parameters, validated. */
    public record Request(String store, BackupNamespace ns, BackupGroup group, BackupDir dir, Integer maxDepth,
            boolean ignoreVerified, Long outdatedAfter, String owner) {

        Map<String, String> params() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("store", store);
            p.put("ns", ns.toString());
            if (group != null) {
                p.put("backup-type", group.type().value());
                p.put("backup-id", group.id());
            }
            if (dir != null) {
                p.put("backup-time", Long.toString(dir.time()));
            }
            p.put("max-depth", maxDepth == null ? "" : maxDepth.toString());
            p.put("ignore-verified", Boolean.toString(ignoreVerified));
            p.put("outdated-after", outdatedAfter == null ? "" : outdatedAfter.toString());
            p.put("owner", owner == null ? "" : owner);
            return p;
        }
    }

    /**
     * {@code POST /admin/datastore/{store}/verify}: all of type, id and time name a snapshot, type
     * and id a group, none the namespace. Datastore.Verify, or Datastore.Backup for own groups.
     */
    public String start(AuthService.Caller caller, SnapshotSelector sel, Boolean ignoreVerified, Long outdatedAfter,
            Integer maxDepth) {
        String store = sel.storeName();
        BackupNamespace ns = sel.namespace();
        boolean full = NamespaceAccess.full(permissions.tree(), caller, store, ns, Privilege.mask(DATASTORE_VERIFY),
                Privilege.mask(DATASTORE_BACKUP));
        Datastore ds = datastores.lookup(store);
        BackupGroup group = null;
        BackupDir dir = null;
        String type;
        String workerId;
        if (sel.backupType() != null || sel.backupId() != null || sel.backupTime() != null) {
            group = sel.group();
            NamespaceAccess.requireOwnerUnlessFull(full, ds, group, caller);
            if (sel.backupTime() != null) {
                dir = sel.dir();
                SnapshotListService.requireSnapshot(ds, dir);
                type = "verify_snapshot";
                workerId = store + ":" + ns + "/" + group + String.format(Locale.ROOT, "/%08X", dir.time());
            } else {
                if (!ds.groupExists(group)) {
                    throw ServiceException.notFound(NamespaceAccess.describe(group) + " does not exist");
                }
                type = "verify_group";
                workerId = store + ":" + ns + "/" + group;
            }
        } else {
            if (!ds.namespaceExists(ns)) {
                throw ServiceException.notFound("namespace '" + ns + "' does not exist");
            }
            type = "verify";
            workerId = ns.isRoot() ? store : store + ":" + ns;
        }
        if (maxDepth != null && (maxDepth < 0 || maxDepth > BackupNamespace.MAX_DEPTH)) {
            throw ServiceException.badRequest("parameter verification errors\n\nmax-depth: value must be between 0 and 7");
        }
        Request r = new Request(store, ns, group, dir, maxDepth, ignoreVerified == null || ignoreVerified,
                outdatedAfter, full ? null : caller.authId());
        return launcher.start(new JobLauncher.TaskSpec(type, workerId, caller.authId(), store, null, null), JOB_XML,
                r.params());
    }

    /** Runs a configured verification job as {@code verificationjob} (privileges checked by the caller). */
    public String startJob(VerifyJobConfig job, String authId) {
        BackupNamespace ns = SnapshotSelector.parseNamespace("ns", job.getNs());
        Request r = new Request(job.getStore(), ns, null, null, job.getMaxDepth(),
                job.getIgnoreVerified() == null || job.getIgnoreVerified(), job.getOutdatedAfter(), null);
        datastores.lookup(job.getStore());
        String upid = launcher.start(new JobLauncher.TaskSpec("verificationjob", job.getId(), authId, job.getStore(),
                null, null), JOB_XML, r.params());
        states.recordStart(VerifyJobService.jobId(job.getId()), upid);
        return upid;
    }

    /**
     * The job's list of snapshots (paths relative to the store), in PBS order: namespaces, groups
     * sorted, snapshots newest first. {@code owner} limits it to that owner's groups.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<String> snapshots(String store, String ns, String type, String id, String time, String maxDepth,
            String owner) {
        Datastore ds = datastores.lookup(store);
        BackupNamespace n = SnapshotSelector.parseNamespace("ns", ns);
        List<BackupDir> dirs;
        if (type != null && !type.isEmpty()) {
            BackupGroup g = SnapshotSelector.group(store, ns, type, id).group();
            dirs = time != null && !time.isEmpty() ? List.of(new BackupDir(g, Long.parseLong(time)))
                    : Verifier.snapshots(ds, g);
        } else {
            int depth = maxDepth == null || maxDepth.isEmpty() ? BackupNamespace.MAX_DEPTH : Integer.parseInt(maxDepth);
            dirs = Verifier.snapshots(ds, n, depth);
        }
        return dirs.stream()
                .filter(d -> owner == null || owner.isEmpty()
                        || ds.owner(d.group()).map(o -> Datastore.ownerMatches(o, owner)).orElse(false))
                .map(BackupDir::path).toList();
    }

    /** A verification run for the job's steps: shares the verified/corrupt chunk sets over all its snapshots. */
    public Verifier verifier(String store, boolean ignoreVerified, Long outdatedAfter, String upid, JobLog log,
            BooleanSupplier aborted) {
        Datastore ds = datastores.lookup(store);
        return new Verifier(ds, new Verifier.Options(ignoreVerified, outdatedAfter), upid, clock, log, aborted, executor,
                PARALLELISM);
    }

    /** Verifies one snapshot (path relative to the store) with {@code verifier}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Verifier.Outcome verifySnapshot(Verifier verifier, String path) {
        return verifier.verifySnapshot(BackupDir.parse(path));
    }
}
