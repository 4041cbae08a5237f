package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.SYS_AUDIT;
import static org.pbsj.server.auth.Privilege.SYS_MODIFY;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.client.PathBackup;
import org.pbsj.server.auth.Identities;
import org.pbsj.server.domain.BackupJobConfig;

/**
 * Server-side backup jobs: {@code /config/backup-job} and {@code /admin/backup-job/{id}/run}.
 * A job reads any file of the server, so configuring, reading and running one needs Sys.Modify
 * resp. Sys.Audit on {@code /} (like root), and writing its config also Datastore.Backup on the
 * target namespace.
 */
@Stateless
public class BackupJobService {
    static final String ACL_PATH = "/";

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;
    @Inject
    DatastoreRegistry datastores;
    @Inject
    BackupJobRunner runner;
    @Inject
    JobStateService states;

    /** A backup job as the API shows and takes it; null = not set (or unchanged on update). */
    public record BackupJob(String id, String store, String ns, String backupType, String backupId,
            List<String> sources, List<String> exclude, String changeDetectionMode, String owner, String comment,
            String schedule, Boolean disable) {
        static BackupJob of(BackupJobConfig c) {
            return new BackupJob(c.getId(), c.getStore(), c.getNs(), c.getBackupType(), c.getBackupId(),
                    lines(c.getSources()), lines(c.getExclude()), c.getChangeDetectionMode(), c.getOwner(),
                    c.getComment(), c.getSchedule(), c.getDisable());
        }
    }

    public record Listed(BackupJob job, JobStateService.ScheduleStatus status) {
    }

    static String jobId(String id) {
        return "backupjob/" + id;
    }

    public List<BackupJob> list(AuthService.Caller caller) {
        permissions.require(caller, ACL_PATH, SYS_AUDIT);
        return all();
    }

    public List<Listed> listWithStatus(AuthService.Caller caller) {
        return list(caller).stream().map(j -> new Listed(j, states.status(jobId(j.id()),
                Boolean.TRUE.equals(j.disable()) ? null : j.schedule()))).toList();
    }

    public String digest() {
        return JobConfigs.digest(all());
    }

    public BackupJob get(AuthService.Caller caller, String id) {
        permissions.require(caller, ACL_PATH, SYS_AUDIT);
        return BackupJob.of(find(id));
    }

    public void create(AuthService.Caller caller, BackupJob j) {
        JobConfigs.validateId(j.id());
        for (String[] required : new String[][] {{"store", j.store()}, {"backup-id", j.backupId()}}) {
            if (required[1] == null) {
                throw SnapshotSelector.missing(required[0]);
            }
        }
        if (j.sources() == null || j.sources().isEmpty()) {
            throw SnapshotSelector.missing("source");
        }
        requireWrite(caller, j.store(), j.ns());
        if (em.find(BackupJobConfig.class, j.id()) != null) {
            throw ServiceException.badRequest("job '" + j.id() + "' already exists.");
        }
        BackupJobConfig c = new BackupJobConfig(j.id(), j.store(), j.owner() != null ? j.owner() : caller.authId());
        c.setBackupType("host");
        apply(c, j, Set.of());
        validate(c);
        em.persist(c);
        states.scheduleChanged(jobId(j.id()));
    }

    public void update(AuthService.Caller caller, String id, BackupJob j, Set<String> delete, String digest) {
        BackupJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        requireWrite(caller, c.getStore(), c.getNs());
        if (j.store() != null) {
            c.setStore(j.store());
        }
        String oldSchedule = c.getSchedule();
        apply(c, j, delete);
        requireWrite(caller, c.getStore(), c.getNs());
        validate(c);
        if (!Objects.equals(oldSchedule, c.getSchedule())) {
            states.scheduleChanged(jobId(id));
        }
    }

    public void delete(AuthService.Caller caller, String id, String digest) {
        BackupJobConfig c = find(id);
        JobConfigs.checkDigest(digest, all());
        requireWrite(caller, c.getStore(), c.getNs());
        em.remove(c);
        states.remove(jobId(id));
    }

    /** {@code POST /admin/backup-job/{id}/run}. */
    public String run(AuthService.Caller caller, String id) {
        BackupJobConfig c = find(id);
        requireWrite(caller, c.getStore(), c.getNs());
        return runner.start(c, caller.authId());
    }

    /** The scheduler's view: every enabled job with a schedule. */
    public List<BackupJobConfig> scheduled() {
        return em.createQuery("select b from BackupJobConfig b where b.schedule is not null", BackupJobConfig.class)
                .getResultList().stream().filter(b -> !Boolean.TRUE.equals(b.getDisable())).toList();
    }

    private List<BackupJob> all() {
        return em.createQuery("select b from BackupJobConfig b order by b.id", BackupJobConfig.class).getResultList()
                .stream().map(BackupJob::of).toList();
    }

    private BackupJobConfig find(String id) {
        BackupJobConfig c = id == null ? null : em.find(BackupJobConfig.class, id);
        if (c == null) {
            throw ServiceException.notFound("job '" + id + "' does not exist.");
        }
        return c;
    }

    private void requireWrite(AuthService.Caller caller, String store, String ns) {
        permissions.require(caller, ACL_PATH, SYS_MODIFY);
        permissions.require(caller, NamespaceAccess.aclPath(store, SnapshotSelector.parseNamespace("ns", ns)),
                DATASTORE_BACKUP);
    }

    private void validate(BackupJobConfig c) {
        datastores.lookup(c.getStore());
        SnapshotSelector.group(c.getStore(), c.getNs(), c.getBackupType(), c.getBackupId());
        try {
            PathBackup.parseSources(lines(c.getSources()));
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("parameter verification errors\n\nsource: " + e.getMessage());
        }
        String mode = c.getChangeDetectionMode();
        if (mode != null && !PathBackup.CHANGE_DETECTION_MODES.contains(mode)) {
            throw ServiceException.badRequest("parameter verification errors\n\nchange-detection-mode: value '" + mode
                    + "' is not defined in the enumeration.");
        }
        if (!Identities.isAuthId(c.getOwner())) {
            throw ServiceException.badRequest("parameter verification errors\n\nowner: value does not match the regex pattern");
        }
        JobConfigs.validateSchedule("schedule", c.getSchedule());
    }

    private static void apply(BackupJobConfig c, BackupJob j, Set<String> delete) {
        if (j.ns() != null) c.setNs(j.ns().isEmpty() ? null : j.ns());
        if (j.backupType() != null) c.setBackupType(j.backupType());
        if (j.backupId() != null) c.setBackupId(j.backupId());
        if (j.sources() != null && !j.sources().isEmpty()) c.setSources(String.join("\n", j.sources()));
        if (j.exclude() != null && !j.exclude().isEmpty()) c.setExclude(String.join("\n", j.exclude()));
        if (j.changeDetectionMode() != null) c.setChangeDetectionMode(j.changeDetectionMode());
        if (j.owner() != null) c.setOwner(j.owner());
        if (j.comment() != null) c.setComment(j.comment());
        if (j.schedule() != null) c.setSchedule(j.schedule());
        if (j.disable() != null) c.setDisable(j.disable());
        if (JobConfigs.deletes(delete, "ns")) c.setNs(null);
        if (JobConfigs.deletes(delete, "exclude")) c.setExclude(null);
        if (JobConfigs.deletes(delete, "change-detection-mode")) c.setChangeDetectionMode(null);
        if (JobConfigs.deletes(delete, "comment")) c.setComment(null);
        if (JobConfigs.deletes(delete, "schedule")) c.setSchedule(null);
        if (JobConfigs.deletes(delete, "disable")) c.setDisable(null);
    }

    /** One entry per non-blank line, stripped (sources and excludes are stored this way). */
    public static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
