package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_AUDIT;
import static org.pbsj.server.auth.Privilege.DATASTORE_VERIFY;

import java.util.List;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.VerifyJobConfig;

/**
 * Verification jobs: {@code /config/verify} (read: Audit or Verify; write: Verify on the job's
 * store and namespace), {@code /admin/verify} with schedule status, and {@code …/{id}/run}.
 */
@Stateless
public class VerifyJobService {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    DatastoreRegistry datastores;
    @Inject
    VerifyService verify;
    @Inject
    JobStateService states;

    /** A verification job as the API shows and takes it; null = not set (or unchanged on update). */
    public record VerifyJob(String id, String store, String ns, Integer maxDepth, Boolean ignoreVerified,
            Long outdatedAfter, String comment, String schedule) {
        static VerifyJob of(VerifyJobConfig c) {
            return new VerifyJob(c.getId(), c.getStore(), c.getNs(), c.getMaxDepth(), c.getIgnoreVerified(),
                    c.getOutdatedAfter(), c.getComment(), c.getSchedule());
        }
    }

    public record Listed(VerifyJob job, JobStateService.ScheduleStatus status) {
    }

    static String jobId(String id) {
        return "verificationjob/" + id;
    }

    public List<VerifyJob> list(AuthService.Caller caller, String store) {
        AclTree acl = permissions.tree();
        return all().stream().filter(j -> store == null || store.equals(j.store()))
                .filter(j -> readable(acl, caller, j)).toList();
    }

    public String digest() {
        return JobConfigs.digest(all());
    }

    public List<Listed> listWithStatus(AuthService.Caller caller, String store) {
        return list(caller, store).stream().map(j -> new Listed(j, states.status(jobId(j.id()), j.schedule()))).toList();
    }

    public VerifyJob get(AuthService.Caller caller, String id) {
        VerifyJob j = VerifyJob.of(find(id));
        if (!readable(permissions.tree(), caller, j)) {
            throw ServiceException.forbidden();
        }
        return j;
    }

    public void create(AuthService.Caller caller, VerifyJob j) {
        JobConfigs.validateId(j.id());
        if (j.store() == null) {
            throw SnapshotSelector.missing("store");
        }
        requireWrite(caller, j.store(), j.ns());
        validate(j);
        if (em.find(VerifyJobConfig.class, j.id()) != null) {
            throw ServiceException.badRequest("job '" + j.id() + "' already exists.");
        }
        VerifyJobConfig c = new VerifyJobConfig(j.id(), j.store());
        apply(c, j, Set.of());
        em.persist(c);
        states.scheduleChanged(jobId(j.id()));
    }

    public void update(AuthService.Caller caller, String id, VerifyJob j, Set<String> delete, String digest) {
        VerifyJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        requireWrite(caller, c.getStore(), c.getNs());
        if (j.store() != null) {
            requireWrite(caller, j.store(), j.ns() != null ? j.ns() : c.getNs());
            c.setStore(j.store());
        }
        validate(j);
        String oldSchedule = c.getSchedule();
        apply(c, j, delete);
        if (!java.util.Objects.equals(oldSchedule, c.getSchedule())) {
            states.scheduleChanged(jobId(id));
        }
    }

    public void delete(AuthService.Caller caller, String id, String digest) {
        VerifyJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        requireWrite(caller, c.getStore(), c.getNs());
        em.remove(c);
        states.remove(jobId(id));
    }

    /** {@code POST /admin/verify/{id}/run}: Datastore.Verify. */
    public String run(AuthService.Caller caller, String id) {
        VerifyJobConfig c = find(id);
        requireWrite(caller, c.getStore(), c.getNs());
        return verify.startJob(c, caller.authId());
    }

    /** The scheduler's view: every job with a schedule. */
    public List<VerifyJobConfig> scheduled() {
        return em.createQuery("select v from VerifyJobConfig v where v.schedule is not null", VerifyJobConfig.class)
                .getResultList();
    }

    private List<VerifyJob> all() {
        return em.createQuery("select v from VerifyJobConfig v order by v.id", VerifyJobConfig.class).getResultList()
                .stream().map(VerifyJob::of).toList();
    }

    private VerifyJobConfig find(String id) {
        VerifyJobConfig c = id == null ? null : em.find(VerifyJobConfig.class, id);
        if (c == null) {
            throw ServiceException.notFound("job '" + id + "' does not exist.");
        }
        return c;
    }

    private boolean readable(AclTree acl, AuthService.Caller caller, VerifyJob j) {
        String path = NamespaceAccess.aclPath(j.store(), SnapshotSelector.parseNamespace("ns", j.ns()));
        return acl.privileges(caller.authId(), path).hasAny(Privilege.mask(DATASTORE_AUDIT, DATASTORE_VERIFY));
    }

    private void requireWrite(AuthService.Caller caller, String store, String ns) {
        permissions.require(caller, NamespaceAccess.aclPath(store, SnapshotSelector.parseNamespace("ns", ns)),
                DATASTORE_VERIFY);
    }

    private void validate(VerifyJob j) {
        if (j.store() != null) {
            datastores.lookup(j.store());
        }
        SnapshotSelector.parseNamespace("ns", j.ns());
        if (j.maxDepth() != null && (j.maxDepth() < 0 || j.maxDepth() > BackupNamespace.MAX_DEPTH)) {
            throw ServiceException.badRequest("parameter verification errors\n\nmax-depth: value must be between 0 and 7");
        }
        if (j.outdatedAfter() != null && j.outdatedAfter() < 0) {
            throw ServiceException.badRequest("parameter verification errors\n\noutdated-after: value must be >= 0");
        }
        JobConfigs.validateSchedule("schedule", j.schedule());
    }

    private static void apply(VerifyJobConfig c, VerifyJob j, Set<String> delete) {
        if (j.ns() != null) c.setNs(j.ns().isEmpty() ? null : j.ns());
        if (j.maxDepth() != null) c.setMaxDepth(j.maxDepth());
        if (j.ignoreVerified() != null) c.setIgnoreVerified(j.ignoreVerified());
        if (j.outdatedAfter() != null) c.setOutdatedAfter(j.outdatedAfter());
        if (j.comment() != null) c.setComment(j.comment());
        if (j.schedule() != null) c.setSchedule(j.schedule());
        if (JobConfigs.deletes(delete, "ns")) c.setNs(null);
        if (JobConfigs.deletes(delete, "max-depth")) c.setMaxDepth(null);
        if (JobConfigs.deletes(delete, "ignore-verified")) c.setIgnoreVerified(null);
        if (JobConfigs.deletes(delete, "outdated-after")) c.setOutdatedAfter(null);
        if (JobConfigs.deletes(delete, "comment")) c.setComment(null);
        if (JobConfigs.deletes(delete, "schedule")) c.setSchedule(null);
    }
}
