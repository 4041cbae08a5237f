package org.pbsj.server.application;

import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.client.BackupJob.Result;
import org.pbsj.core.client.PathBackup;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.job.JobLog;
import org.pbsj.server.domain.BackupJobConfig;

/**
 * Runs server-side backup jobs: starts the {@code backup} batch job as a {@code backupjob} task
 * (one run per job at a time), and the job's one call, which backs the configured paths up with
 * the client's pipeline ({@link PathBackup}) into the datastore this server holds open.
 */
@Stateless
public class BackupJobRunner {
    public static final String JOB_XML = "backup";
    public static final String WORKER_TYPE = "backupjob";

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    DatastoreRegistry datastores;
    @Inject
    JobLauncher launcher;
    @Inject
    JobStateService states;
    @Inject
    Clock clock;

    /** Starts job {@code c} for {@code authId} (no privilege check: the caller did it). */
    public String start(BackupJobConfig c, String authId) {
        datastores.lookup(c.getStore());
        String upid = launcher.start(new JobLauncher.TaskSpec(WORKER_TYPE, c.getId(), authId, c.getStore(),
                "backupjob/" + c.getId(), "backup job '" + c.getId() + "' is already running"), JOB_XML,
                Map.of("job-id", c.getId()));
        states.recordStart(BackupJobService.jobId(c.getId()), upid);
        return upid;
    }

    /** The job's one call; outside a transaction, it takes as long as the backup. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result execute(String jobId, JobLog log, BooleanSupplier aborted) {
        BackupJobConfig c = em.find(BackupJobConfig.class, jobId);
        if (c == null) {
            throw ServiceException.notFound("job '" + jobId + "' does not exist.");
        }
        Datastore ds = datastores.lookup(c.getStore());
        BackupGroup group = SnapshotSelector.group(c.getStore(), c.getNs(), c.getBackupType(), c.getBackupId()).group();
        BackupDir dir = new BackupDir(group, clock.instant().getEpochSecond());
        PathBackup.Plan plan = new PathBackup.Plan(dir, c.getOwner(),
                PathBackup.parseSources(BackupJobService.lines(c.getSources())),
                BackupJobService.lines(c.getExclude()), c.getChangeDetectionMode());
        log.info("backup job '" + jobId + "': " + String.join(", ", BackupJobService.lines(c.getSources()))
                + " to datastore '" + c.getStore() + "'");
        try {
            return PathBackup.run(ds, plan, clock, log, aborted);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServiceException(ServiceException.Kind.INTERNAL, "backup failed: " + e.getMessage(), e);
        }
    }
}
