package org.pbsj.server.application;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.domain.BackupJobConfig;
import org.pbsj.server.domain.DatastoreConfig;
import org.pbsj.server.domain.PruneJobConfig;
import org.pbsj.server.domain.VerifyJobConfig;

/**
 * PBS's scheduler ({@code calendar-events.md} §4): once a minute every job whose
 * {@code next(schedule, last run) <= now} is started, once. The last run is stored in the
 * database when the job starts, so after a restart a job runs again only if an event passed
 * since (a missed run is made up once, at the first check). GC is skipped while it runs.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobScheduler {
    static final String SCHEDULER_AUTHID = "root@pam";
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    JobStateService states;
    @Inject
    GcService gc;
    @Inject
    VerifyService verify;
    @Inject
    PruneService prune;
    @Inject
    VerifyJobService verifyJobs;
    @Inject
    PruneJobService pruneJobs;
    @Inject
    SyncJobService syncJobs;
    @Inject
    SyncService sync;
    @Inject
    BackupJobService backupJobs;
    @Inject
    BackupJobRunner backups;

    private final AtomicBoolean ticking = new AtomicBoolean();

    @Schedule(minute = "*", hour = "*", persistent = false, info = "pbsj job scheduler")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return; // the previous check still runs
        }
        try {
            for (DatastoreConfig d : em.createQuery("select d from DatastoreConfig d where d.gcSchedule is not null",
                    DatastoreConfig.class).getResultList()) {
                String id = GcService.jobId(d.getName());
                if (!gc.isRunning(d.getName()) && states.isDue(id, d.getGcSchedule())) {
                    start(id, () -> gc.startAs(SCHEDULER_AUTHID, d.getName()));
                }
            }
            for (VerifyJobConfig v : verifyJobs.scheduled()) {
                String id = VerifyJobService.jobId(v.getId());
                if (states.isDue(id, v.getSchedule())) {
                    start(id, () -> verify.startJob(v, SCHEDULER_AUTHID));
                }
            }
            for (PruneJobConfig p : pruneJobs.scheduled()) {
                String id = PruneJobService.jobId(p.getId());
                if (states.isDue(id, p.getSchedule())) {
                    start(id, () -> prune.startJob(p, SCHEDULER_AUTHID));
                }
            }
            for (SyncRequest j : syncJobs.scheduled()) {
                String id = SyncJobService.jobId(j.id());
                if (states.isDue(id, j.schedule())) {
                    start(id, () -> sync.startJob(j, SCHEDULER_AUTHID));
                }
            }
            for (BackupJobConfig b : backupJobs.scheduled()) {
                String id = BackupJobService.jobId(b.getId());
                if (states.isDue(id, b.getSchedule())) {
                    start(id, () -> backups.start(b, SCHEDULER_AUTHID));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job scheduler check failed", e);
        } finally {
            ticking.set(false);
        }
    }

    private void start(String jobId, java.util.function.Supplier<String> starter) {
        try {
            String upid = starter.get();
            LOG.info(() -> "scheduled job " + jobId + " started: " + upid);
        } catch (RuntimeException e) {
            // e.g. maintenance mode or a vanished store: PBS logs it and tries again at the next event
            LOG.log(Level.WARNING, "scheduled job " + jobId + " failed to start: " + e.getMessage());
        }
    }
}
