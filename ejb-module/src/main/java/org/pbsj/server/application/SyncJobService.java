package org.pbsj.server.application;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.AclTree;
import org.pbsj.server.domain.SyncJobConfig;

/**
 * Sync jobs: {@code /config/sync} (read: Datastore.Audit on the target and Remote.Audit on the
 * remote; write: the run privileges of {@link SyncAccess}), {@code /admin/sync} with schedule
 * status, and {@code …/{id}/run}.
 */
@Stateless
public class SyncJobService {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    SyncService sync;
    @Inject
    JobStateService states;

    public record Listed(SyncRequest job, JobStateService.ScheduleStatus status) {
    }

    static String jobId(String id) {
        return "syncjob/" + id;
    }

    public List<SyncRequest> list(AuthService.Caller caller, String store) {
        return list(caller, store, "all");
    }

    /**
     * The jobs the caller may read; {@code direction} as PBS 3.3's list parameter
     * {@code sync-direction}: {@code pull} (also null), {@code push} or {@code all}.
     */
    public List<SyncRequest> list(AuthService.Caller caller, String store, String direction) {
        String d = direction == null ? SyncRequest.PULL : direction;
        if (!d.equals("all") && !d.equals(SyncRequest.PULL) && !d.equals(SyncRequest.PUSH)) {
            throw RemoteService.invalid("sync-direction", "value must be 'pull', 'push' or 'all'");
        }
        AclTree acl = permissions.tree();
        return all().stream().filter(j -> store == null || store.equals(j.store()))
                .filter(j -> d.equals("all") || d.equals(SyncRequest.PUSH) == j.isPush())
                .filter(j -> SyncAccess.canRead(acl, caller, j)).toList();
    }

    public String digest() {
        return JobConfigs.digest(all());
    }

    public List<Listed> listWithStatus(AuthService.Caller caller, String store) {
        return listWithStatus(caller, store, "all");
    }

    public List<Listed> listWithStatus(AuthService.Caller caller, String store, String direction) {
        return list(caller, store, direction).stream().map(j -> new Listed(j, states.status(jobId(j.id()), j.schedule()))).toList();
    }

    public SyncRequest get(AuthService.Caller caller, String id) {
        SyncRequest j = SyncRequest.of(find(id));
        if (!SyncAccess.canRead(permissions.tree(), caller, j)) {
            throw ServiceException.forbidden();
        }
        return j;
    }

    public void create(AuthService.Caller caller, SyncRequest j) {
        JobConfigs.validateId(j.id());
        sync.validate(j);
        JobConfigs.validateSchedule("schedule", j.schedule());
        SyncAccess.requireModify(permissions.tree(), caller, j);
        if (em.find(SyncJobConfig.class, j.id()) != null) {
            throw ServiceException.badRequest("job '" + j.id() + "' already exists.");
        }
        SyncJobConfig c = new SyncJobConfig(j.id(), j.store(), j.remoteStore());
        j.applyTo(c, Set.of());
        em.persist(c);
        states.scheduleChanged(jobId(j.id()));
    }

    public void update(AuthService.Caller caller, String id, SyncRequest changes, Set<String> delete, String digest) {
        SyncJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        AclTree acl = permissions.tree();
        SyncAccess.requireModify(acl, caller, SyncRequest.of(c));
        String oldSchedule = c.getSchedule();
        changes.applyTo(c, delete);
        SyncRequest updated = SyncRequest.of(c);
        sync.validate(updated);
        JobConfigs.validateSchedule("schedule", updated.schedule());
        SyncAccess.requireModify(acl, caller, updated);
        if (!Objects.equals(oldSchedule, c.getSchedule())) {
            states.scheduleChanged(jobId(id));
        }
    }

    public void delete(AuthService.Caller caller, String id, String digest) {
        SyncJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        SyncAccess.requireModify(permissions.tree(), caller, SyncRequest.of(c));
        em.remove(c);
        states.remove(jobId(id));
    }

    /** {@code POST /admin/sync/{id}/run}: the job's modify privileges. */
    public String run(AuthService.Caller caller, String id) {
        SyncRequest j = SyncRequest.of(find(id));
        SyncAccess.requireModify(permissions.tree(), caller, j);
        return sync.startJob(j, caller.authId());
    }

    /** The scheduler's view: jobs with a schedule. */
    public List<SyncRequest> scheduled() {
        return all().stream().filter(j -> j.schedule() != null && !j.schedule().isBlank()).toList();
    }

    private List<SyncRequest> all() {
        return em.createQuery("select s from SyncJobConfig s order by s.id", SyncJobConfig.class).getResultList()
                .stream().map(SyncRequest::of).toList();
    }

    private SyncJobConfig find(String id) {
        SyncJobConfig c = id == null ? null : em.find(SyncJobConfig.class, id);
        if (c == null) {
            throw ServiceException.notFound("job '" + id + "' does not exist.");
        }
        return c;
    }
}
