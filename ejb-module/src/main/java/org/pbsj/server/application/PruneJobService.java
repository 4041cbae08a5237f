package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_AUDIT;
import static org.pbsj.server.auth.Privilege.DATASTORE_MODIFY;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.PruneJobConfig;

/**
 * Prune jobs: {@code /config/prune} (read: Datastore.Audit; write: Datastore.Modify on the job's
 * store and namespace), {@code /admin/prune} with schedule status, and {@code …/{id}/run}.
 */
@Stateless
public class PruneJobService {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    DatastoreRegistry datastores;
    @Inject
    PruneService prune;
    @Inject
    JobStateService states;

    /** A prune job as the API shows and takes it; null = not set (or unchanged on update). */
    public record PruneJob(String id, String store, String schedule, Boolean disable, String comment, String ns,
            Integer maxDepth, Integer keepLast, Integer keepHourly, Integer keepDaily, Integer keepWeekly,
            Integer keepMonthly, Integer keepYearly) {
        static PruneJob of(PruneJobConfig c) {
            return new PruneJob(c.getId(), c.getStore(), c.getSchedule(), c.isDisable() ? Boolean.TRUE : null,
                    c.getComment(), c.getNs(), c.getMaxDepth(), c.getKeepLast(), c.getKeepHourly(), c.getKeepDaily(),
                    c.getKeepWeekly(), c.getKeepMonthly(), c.getKeepYearly());
        }
    }

    public record Listed(PruneJob job, JobStateService.ScheduleStatus status) {
    }

    static String jobId(String id) {
        return "prunejob/" + id;
    }

    public List<PruneJob> list(AuthService.Caller caller, String store) {
        AclTree acl = permissions.tree();
        return all().stream().filter(j -> store == null || store.equals(j.store()))
                .filter(j -> acl.privileges(caller.authId(), path(j.store(), j.ns()))
                        .hasAny(Privilege.mask(DATASTORE_AUDIT, DATASTORE_MODIFY)))
                .toList();
    }

    public String digest() {
        return JobConfigs.digest(all());
    }

    public List<Listed> listWithStatus(AuthService.Caller caller, String store) {
        return list(caller, store).stream().map(j -> new Listed(j, states.status(jobId(j.id()), j.schedule()))).toList();
    }

    public PruneJob get(AuthService.Caller caller, String id) {
        PruneJobConfig c = find(id);
        permissions.require(caller, path(c.getStore(), c.getNs()), DATASTORE_AUDIT);
        return PruneJob.of(c);
    }

    public void create(AuthService.Caller caller, PruneJob j) {
        JobConfigs.validateId(j.id());
        if (j.store() == null) {
            throw SnapshotSelector.missing("store");
        }
        if (j.schedule() == null) {
            throw SnapshotSelector.missing("schedule");
        }
        permissions.require(caller, path(j.store(), j.ns()), DATASTORE_MODIFY);
        validate(j);
        if (em.find(PruneJobConfig.class, j.id()) != null) {
            throw ServiceException.badRequest("job '" + j.id() + "' already exists.");
        }
        PruneJobConfig c = new PruneJobConfig(j.id(), j.store(), j.schedule());
        apply(c, j, Set.of());
        em.persist(c);
        states.scheduleChanged(jobId(j.id()));
    }

    public void update(AuthService.Caller caller, String id, PruneJob j, Set<String> delete, String digest) {
        PruneJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        permissions.require(caller, path(c.getStore(), c.getNs()), DATASTORE_MODIFY);
        if (j.store() != null) {
            permissions.require(caller, path(j.store(), j.ns() != null ? j.ns() : c.getNs()), DATASTORE_MODIFY);
            c.setStore(j.store());
        }
        validate(j);
        String oldSchedule = c.getSchedule();
        apply(c, j, delete);
        if (!Objects.equals(oldSchedule, c.getSchedule())) {
            states.scheduleChanged(jobId(id));
        }
    }

    public void delete(AuthService.Caller caller, String id, String digest) {
        PruneJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        permissions.require(caller, path(c.getStore(), c.getNs()), DATASTORE_MODIFY);
        em.remove(c);
        states.remove(jobId(id));
    }

    /** {@code POST /admin/prune/{id}/run}: Datastore.Modify. */
    public String run(AuthService.Caller caller, String id) {
        PruneJobConfig c = find(id);
        permissions.require(caller, path(c.getStore(), c.getNs()), DATASTORE_MODIFY);
        return prune.startJob(c, caller.authId());
    }

    /** The scheduler's view: enabled jobs. */
    public List<PruneJobConfig> scheduled() {
        return em.createQuery("select p from PruneJobConfig p where p.disable = false", PruneJobConfig.class)
                .getResultList();
    }

    private List<PruneJob> all() {
        return em.createQuery("select p from PruneJobConfig p order by p.id", PruneJobConfig.class).getResultList()
                .stream().map(PruneJob::of).toList();
    }

    private PruneJobConfig find(String id) {
        PruneJobConfig c = id == null ? null : em.find(PruneJobConfig.class, id);
        if (c == null) {
            throw ServiceException.notFound("job '" + id + "' does not exist.");
        }
        return c;
    }

    private static String path(String store, String ns) {
        return NamespaceAccess.aclPath(store, SnapshotSelector.parseNamespace("ns", ns));
    }

    private void validate(PruneJob j) {
        if (j.store() != null) {
            datastores.lookup(j.store());
        }
        SnapshotSelector.parseNamespace("ns", j.ns());
        if (j.maxDepth() != null && (j.maxDepth() < 0 || j.maxDepth() > BackupNamespace.MAX_DEPTH)) {
            throw ServiceException.badRequest("parameter verification errors\n\nmax-depth: value must be between 0 and 7");
        }
        JobConfigs.keepOptions(j.keepLast(), j.keepHourly(), j.keepDaily(), j.keepWeekly(), j.keepMonthly(),
                j.keepYearly());
        JobConfigs.validateSchedule("schedule", j.schedule());
    }

    private static void apply(PruneJobConfig c, PruneJob j, Set<String> delete) {
        if (j.schedule() != null) c.setSchedule(j.schedule());
        if (j.disable() != null) c.setDisable(j.disable());
        if (j.comment() != null) c.setComment(j.comment());
        if (j.ns() != null) c.setNs(j.ns().isEmpty() ? null : j.ns());
        if (j.maxDepth() != null) c.setMaxDepth(j.maxDepth());
        if (j.keepLast() != null) c.setKeepLast(j.keepLast());
        if (j.keepHourly() != null) c.setKeepHourly(j.keepHourly());
        if (j.keepDaily() != null) c.setKeepDaily(j.keepDaily());
        if (j.keepWeekly() != null) c.setKeepWeekly(j.keepWeekly());
        if (j.keepMonthly() != null) c.setKeepMonthly(j.keepMonthly());
        if (j.keepYearly() != null) c.setKeepYearly(j.keepYearly());
        if (JobConfigs.deletes(delete, "disable")) c.setDisable(false);
        if (JobConfigs.deletes(delete, "comment")) c.setComment(null);
        if (JobConfigs.deletes(delete, "ns")) c.setNs(null);
        if (JobConfigs.deletes(delete, "max-depth")) c.setMaxDepth(null);
        if (JobConfigs.deletes(delete, "keep-last")) c.setKeepLast(null);
        if (JobConfigs.deletes(delete, "keep-hourly")) c.setKeepHourly(null);
        if (JobConfigs.deletes(delete, "keep-daily")) c.setKeepDaily(null);
        if (JobConfigs.deletes(delete, "keep-weekly")) c.setKeepWeekly(null);
        if (JobConfigs.deletes(delete, "keep-monthly")) c.setKeepMonthly(null);
        if (JobConfigs.deletes(delete, "keep-yearly")) c.setKeepYearly(null);
    }
}
