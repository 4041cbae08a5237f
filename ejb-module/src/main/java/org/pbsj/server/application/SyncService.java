package org.pbsj.server.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.sync.GroupFilter;
import org.pbsj.core.sync.LocalSyncSource;
import org.pbsj.core.sync.Puller;
import org.pbsj.core.sync.PushOptions;
import org.pbsj.core.sync.PushTarget;
import org.pbsj.core.sync.Pusher;
import org.pbsj.core.sync.SyncOptions;
import org.pbsj.core.sync.SyncSource;
import org.pbsj.core.sync.SyncStats;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Identities;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.infrastructure.RemoteApi;
import org.pbsj.server.infrastructure.RemotePushTarget;
import org.pbsj.server.infrastructure.RemoteSyncSource;

/**
 * Sync (pull, {@code datastore-jobs.md} §4) as a PBS task: {@code POST /pull} ({@code sync}) and
 * configured jobs ({@code syncjob}) start the {@code sync} batch job, whose one call is
 * {@link #run}: the source (a remote's API and reader sessions, or a local datastore), the
 * options, then core's {@link Puller}. Push (PBS 3.3, {@code sync-direction push} or
 * {@code POST /push}) runs the same batch job with core's {@link Pusher} into a
 * {@link RemotePushTarget}, as the job's owner (or the caller of {@code /push}).
 */
@Stateless
public class SyncService {
    public static final String JOB_XML = "sync";
    /** Concurrent chunk downloads of one sync (PBS: 20; this server shares few cores). */
    static final int PARALLEL_DOWNLOADS = 4;

    @Inject
    DatastoreRegistry datastores;
    @Inject
    RemoteService remotes;
    @Inject
    PermissionService permissions;
    @Inject
    JobLauncher launcher;
    @Inject
    JobStateService states;
    @Resource
    ManagedExecutorService executor;

    /** {@code POST /pull}: the run privileges of a job with these parameters; returns the UPID. */
    public String startPull(AuthService.Caller caller, SyncRequest r) {
        validate(r);
        SyncAccess.requireModify(permissions.tree(), caller, r);
        String workerId = (r.remote() == null ? "local" : r.remote()) + ":" + r.remoteStore() + ":" + r.store();
        return launcher.start(new JobLauncher.TaskSpec("sync", workerId, caller.authId(), r.store(), null, null), JOB_XML,
                r.params());
    }

    /** {@code POST /push}: the caller pushes (PBS: worker type {@code sync}, worker id the local store); returns the UPID. */
    public String startPush(AuthService.Caller caller, SyncRequest r) {
        SyncRequest push = r.withDirection(SyncRequest.PUSH);
        validate(push);
        SyncAccess.requirePush(permissions.tree(), caller, push, true, false);
        return launcher.start(new JobLauncher.TaskSpec("sync", push.store(), caller.authId(), push.store(), null, null),
                JOB_XML, push.params());
    }

    /** Runs a configured sync job as {@code syncjob} (privileges checked by the caller); one run per job at a time. */
    public String startJob(SyncRequest job, String authId) {
        validate(job);
        String ns = job.ns() == null ? "" : job.ns();
        String workerId = (job.remote() == null ? "local" : job.remote()) + ":" + job.remoteStore() + ":" + job.store()
                + ":" + ns + ":" + job.id();
        String upid = launcher.start(new JobLauncher.TaskSpec("syncjob", workerId, authId, job.store(),
                "sync/" + job.id(), "sync job '" + job.id() + "' is already running"), JOB_XML, job.params());
        states.recordStart(SyncJobService.jobId(job.id()), upid);
        return upid;
    }

    /** Checks a job's parameters (400 naming the first bad one). */
    public void validate(SyncRequest j) {
        if (j.store() == null) {
            throw SnapshotSelector.missing("store");
        }
        if (j.remoteStore() == null) {
            throw SnapshotSelector.missing("remote-store");
        }
        if (j.syncDirection() != null && !j.syncDirection().isEmpty() && !j.syncDirection().equals(SyncRequest.PULL)
                && !j.isPush()) {
            throw RemoteService.invalid("sync-direction", "value must be 'pull' or 'push'");
        }
        datastores.lookup(j.store());
        BackupNamespace ns = SnapshotSelector.parseNamespace("ns", j.ns());
        BackupNamespace remoteNs = SnapshotSelector.parseNamespace("remote-ns", j.remoteNs());
        if (j.isPush() && j.remote() == null) {
            throw RemoteService.invalid("remote", "a sync job in push direction needs a remote");
        }
        if (j.isPush() && j.maxDepth() != null && remoteNs.depth() + j.maxDepth() > BackupNamespace.MAX_DEPTH) {
            throw RemoteService.invalid("max-depth", "remote namespace depth plus max-depth exceeds 7");
        }
        if (j.remote() != null) {
            if (!remotes.exists(j.remote())) {
                throw ServiceException.notFound("remote '" + j.remote() + "' does not exist.");
            }
        } else {
            datastores.lookup(j.remoteStore());
            if (j.remoteStore().equals(j.store()) && (ns.contains(remoteNs) || remoteNs.contains(ns))) {
                throw ServiceException.badRequest("source and target namespaces of a local sync must not overlap");
            }
        }
        if (j.maxDepth() != null && (j.maxDepth() < 0 || j.maxDepth() > BackupNamespace.MAX_DEPTH)) {
            throw RemoteService.invalid("max-depth", "value must be between 0 and 7");
        }
        if (j.maxDepth() != null && ns.depth() + j.maxDepth() > BackupNamespace.MAX_DEPTH) {
            throw RemoteService.invalid("max-depth", "target namespace depth plus max-depth exceeds 7");
        }
        if (j.transferLast() != null && j.transferLast() < 1) {
            throw RemoteService.invalid("transfer-last", "value must have a minimum value of 1");
        }
        if (j.owner() != null && !j.owner().isEmpty() && !Identities.isAuthId(j.owner())) {
            throw RemoteService.invalid("owner", "value is not a valid user or API token id");
        }
        for (Long rate : new Long[] {j.rateIn(), j.burstIn(), j.rateOut(), j.burstOut()}) {
            if (rate != null && rate < 0) {
                throw RemoteService.invalid("rate-in", "rates must not be negative");
            }
        }
        try {
            GroupFilter.parse(j.groupFilter());
        } catch (IllegalArgumentException e) {
            throw RemoteService.invalid("group-filter", e.getMessage());
        }
    }

    /** The job's one call: pulls as its parameters say; throws if any group or namespace failed. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SyncStats.Totals run(Map<String, String> p, JobLog log, BooleanSupplier aborted) {
        if (SyncRequest.PUSH.equals(p.get("sync-direction"))) {
            return push(p, log, aborted);
        }
        String store = p.get("store");
        String remote = empty(p.get("remote"));
        String remoteStore = p.get("remote-store");
        String owner = p.get("owner");
        Datastore target = datastores.lookup(store);
        AclTree acl = permissions.tree();
        Predicate<BackupNamespace> removable = ns -> !ns.isRoot() && acl.privileges(owner,
                NamespaceAccess.aclPath(store, ns.parent())).hasAny(Privilege.mask(Privilege.DATASTORE_MODIFY));
        String filters = empty(p.get("group-filter"));
        SyncOptions options = new SyncOptions(SnapshotSelector.parseNamespace("ns", p.get("ns")),
                SnapshotSelector.parseNamespace("remote-ns", p.get("remote-ns")), intOrNull(p.get("max-depth")), owner,
                GroupFilter.parse(filters == null ? null : List.of(filters.split("\n"))),
                Boolean.parseBoolean(p.get("remove-vanished")), intOrNull(p.get("transfer-last")),
                longOrZero(p.get("rate-in")), longOrZero(p.get("burst-in")), removable);
        log.info("sync datastore '" + store + "' from '" + (remote == null ? "" : remote + "/") + remoteStore + "'"
                + (options.remoteNs().isRoot() ? "" : " namespace '" + options.remoteNs() + "'")
                + (options.ns().isRoot() ? "" : " into namespace '" + options.ns() + "'"));
        if (!options.groupFilter().isEmpty()) {
            log.info("group filter: " + options.groupFilter());
        }
        try (SyncSource source = remote == null ? new LocalSyncSource(datastores.lookup(remoteStore))
                : new RemoteSyncSource(new RemoteApi(remotes.target(remote)), remoteStore)) {
            return new Puller(target, source, options, log, aborted, executor, PARALLEL_DOWNLOADS).run();
        }
    }

    /**
     * A push as the local user {@code owner}: its privileges pick the local namespaces and groups
     * (Datastore.Read: all; Datastore.Backup: its own groups) and allow the operations on the
     * remote's namespaces (Remote.DatastoreBackup, Modify, Prune on {@code /remote/...}).
     */
    private SyncStats.Totals push(Map<String, String> p, JobLog log, BooleanSupplier aborted) {
        String store = p.get("store");
        String remote = p.get("remote");
        String remoteStore = p.get("remote-store");
        String user = p.get("owner");
        Datastore source = datastores.lookup(store);
        AclTree acl = permissions.tree();
        long read = Privilege.mask(Privilege.DATASTORE_READ);
        long readOrBackup = Privilege.mask(Privilege.DATASTORE_READ, Privilege.DATASTORE_BACKUP);
        PushOptions.SourceAccess sourceAccess = new PushOptions.SourceAccess() {
            @Override
            public boolean namespace(BackupNamespace ns) {
                return acl.privileges(user, NamespaceAccess.aclPath(store, ns)).hasAny(readOrBackup);
            }

            @Override
            public boolean group(BackupGroup g, Optional<String> owner) {
                return acl.privileges(user, NamespaceAccess.aclPath(store, g.ns())).hasAny(read)
                        || owner.isPresent() && Datastore.ownerMatches(owner.get(), user);
            }
        };
        PushOptions.TargetAccess targetAccess = (ns, op) -> acl.privileges(user,
                SyncAccess.remoteAclPath(remote, remoteStore, ns)).hasAny(Privilege.mask(switch (op) {
                    case BACKUP -> Privilege.REMOTE_DATASTORE_BACKUP;
                    case MODIFY -> Privilege.REMOTE_DATASTORE_MODIFY;
                    case PRUNE -> Privilege.REMOTE_DATASTORE_PRUNE;
                }));
        String filters = empty(p.get("group-filter"));
        PushOptions options = new PushOptions(SnapshotSelector.parseNamespace("ns", p.get("ns")),
                SnapshotSelector.parseNamespace("remote-ns", p.get("remote-ns")), intOrNull(p.get("max-depth")),
                GroupFilter.parse(filters == null ? null : List.of(filters.split("\n"))),
                Boolean.parseBoolean(p.get("remove-vanished")), intOrNull(p.get("transfer-last")),
                longOrZero(p.get("rate-out")), longOrZero(p.get("burst-out")), sourceAccess, targetAccess);
        log.info("push datastore '" + store + "'" + (options.ns().isRoot() ? "" : " namespace '" + options.ns() + "'")
                + " to remote '" + remote + "' datastore '" + remoteStore + "'"
                + (options.remoteNs().isRoot() ? "" : " namespace '" + options.remoteNs() + "'") + " as " + user);
        if (!options.groupFilter().isEmpty()) {
            log.info("group filter: " + options.groupFilter());
        }
        try (PushTarget target = new RemotePushTarget(new RemoteApi(remotes.target(remote)), remoteStore)) {
            return new Pusher(source, target, options, log, aborted, executor, PARALLEL_DOWNLOADS).run();
        }
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Integer intOrNull(String s) {
        return s == null || s.isEmpty() ? null : Integer.valueOf(s);
    }

    private static long longOrZero(String s) {
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }
}
