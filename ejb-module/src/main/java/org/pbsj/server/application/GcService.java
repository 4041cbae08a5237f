package org.pbsj.server.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.gc.GcCheckpoint;
import org.pbsj.core.gc.GcRun;
import org.pbsj.core.job.JobLog;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.DatastoreConfig;

/**
 * Garbage collection ({@code datastore-jobs.md} §1): starts the {@code garbage-collection} batch
 * job as a {@code garbage_collection} task, one per datastore at a time, runs the core collector
 * for the job, and reports the GC status of the stores.
 */
@Stateless
public class GcService {
    public static final String JOB_XML = "garbage-collection";
    public static final String WORKER_TYPE = "garbage_collection";
    static final String BUSY = "Start GC failed - (already running/locked)";

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;
    @Inject
    JobLauncher launcher;
    @Inject
    JobRegistry registry;
    @Inject
    JobStateService states;
    @Inject
    Clock clock;

    /** {@code GarbageCollectionJobStatus}: the last status plus the schedule. */
    public record GcJobStatus(String store, GcStatus status, String schedule, JobStateService.ScheduleStatus scheduleStatus) {
    }

    /** {@code POST /admin/datastore/{store}/gc}: Datastore.Modify. */
    public String start(AuthService.Caller caller, String store) {
        permissions.require(caller, "/datastore/" + store, Privilege.DATASTORE_MODIFY);
        return startAs(caller.authId(), store);
    }

    /** Starts GC for {@code authId} without a privilege check (scheduler). */
    public String startAs(String authId, String store) {
        datastores.lookup(store); // 404 for an unknown store, before a task exists
        String upid = launcher.start(new JobLauncher.TaskSpec(WORKER_TYPE, store, authId, store, reservation(store), BUSY),
                JOB_XML, Map.of("store", store));
        states.recordStart(jobId(store), upid);
        return upid;
    }

    public boolean isRunning(String store) {
        return registry.isReserved(reservation(store));
    }

    /**
     * Opens the GC run of the job's step, or resumes it from the step's checkpoint (a restarted
     * execution). Holds the store's GC lock until the run is closed; outside a transaction.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public GcRun open(String store, GcCheckpoint from, JobLog log, BooleanSupplier aborted) {
        Datastore ds = datastores.lookup(store);
        log.info((from == null ? "starting" : "resuming") + " garbage collection on store " + store);
        return GcRun.start(ds, clock, log, aborted, from);
    }

    /** {@code GET /admin/datastore/{store}/gc}: Datastore.Audit. */
    public GcJobStatus status(AuthService.Caller caller, String store) {
        permissions.require(caller, "/datastore/" + store, Privilege.DATASTORE_AUDIT);
        return status(find(store));
    }

    /** {@code GET /admin/gc}: every store (or the one asked for) with Audit or Modify. */
    public List<GcJobStatus> list(AuthService.Caller caller, String storeFilter) {
        AclTree acl = permissions.tree();
        long mask = Privilege.mask(Privilege.DATASTORE_AUDIT, Privilege.DATASTORE_MODIFY);
        List<GcJobStatus> out = new ArrayList<>();
        for (DatastoreConfig c : em.createQuery("select d from DatastoreConfig d order by d.name", DatastoreConfig.class)
                .getResultList()) {
            if ((storeFilter == null || storeFilter.equals(c.getName()))
                    && acl.privileges(caller.authId(), "/datastore/" + c.getName()).hasAny(mask)) {
                out.add(status(c));
            }
        }
        return out;
    }

    private GcJobStatus status(DatastoreConfig c) {
        GcStatus s = datastores.lookup(c.getName()).readGcStatus();
        return new GcJobStatus(c.getName(), s, c.getGcSchedule(), states.status(jobId(c.getName()), c.getGcSchedule()));
    }

    private DatastoreConfig find(String store) {
        DatastoreConfig c = em.find(DatastoreConfig.class, store);
        if (c == null) {
            throw ServiceException.notFound("datastore '" + store + "' does not exist");
        }
        return c;
    }

    static String jobId(String store) {
        return WORKER_TYPE + "/" + store;
    }

    static String reservation(String store) {
        return "gc/" + store;
    }
}
