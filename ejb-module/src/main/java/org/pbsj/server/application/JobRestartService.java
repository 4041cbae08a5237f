package org.pbsj.server.application;

import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.pbsj.core.task.Upid;
import org.pbsj.server.auth.Privilege;

/**
 * {@code POST /nodes/{node}/tasks/{upid}/restart}: restarts the batch job that ran a task which
 * ended without finishing (the server was killed, or it failed or was stopped). The job continues
 * from its last checkpoint under a new task of the same type, id and store; the new UPID is the
 * answer. Needs Sys.Modify on {@code /system/tasks}, like stopping another user's task.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRestartService {
    private static final Logger LOG = Logger.getLogger(JobRestartService.class.getName());

    @Inject
    TaskService tasks;
    @Inject
    PermissionService permissions;
    @Inject
    JobRegistry registry;
    @EJB
    BatchJobs batchJobs;

    public String restart(AuthService.Caller caller, String upid) {
        permissions.require(caller, "/system/tasks", Privilege.SYS_MODIFY);
        TaskService.TaskInfo old = tasks.status(caller, upid);
        if (old.isRunning()) {
            throw ServiceException.badRequest("task " + upid + " is still running");
        }
        Properties params = batchJobs.parameters(upid).orElseThrow(
                () -> ServiceException.notFound("task " + upid + " was not run by a batch job"));
        String reservation = params.getProperty("reservation");
        if (reservation != null && !reservation.isEmpty() && !registry.reserve(reservation)) {
            throw ServiceException.badRequest("cannot restart: the job is already running (" + reservation + ")");
        }
        Upid u = old.upid();
        String store = params.getProperty("task-store");
        TaskHandle task = tasks.start(u.workerType(), u.workerId(), caller.authId(),
                store == null || store.isEmpty() ? null : store);
        registry.register(task);
        task.log("restarting the job of task " + upid + " from its last checkpoint");
        String earlier = params.getProperty("earlier-upids");
        params.setProperty("earlier-upids", earlier == null || earlier.isEmpty() ? upid : earlier + "," + upid);
        params.setProperty("upid", task.upid().toString());
        params.setProperty("auth-id", caller.authId());
        try {
            long execution = batchJobs.restart(upid, params);
            LOG.info(() -> "task " + upid + " restarted as execution " + execution + ", task " + task.upid());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot restart the job of task " + upid, e);
            task.fail("cannot restart job: " + e.getMessage());
            registry.forget(task.upid().toString());
            registry.release(reservation);
            throw ServiceException.badRequest("cannot restart the job of task " + upid + ": " + e.getMessage());
        }
        return task.upid().toString();
    }
}
