package org.pbsj.server.application;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Starts a Jakarta Batch job (XML in the batch-jobs module) as a PBS task: creates the task (UPID
 * and log), hands its handle over through the {@link JobRegistry}, and passes the UPID and the
 * task's identity as job parameters so a restarted job can continue under a task of its own.
 * Outside any transaction: the job repository rows must be committed before the job thread reads them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobLauncher {
    private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());

    @Inject
    TaskService tasks;
    @Inject
    JobRegistry registry;
    @EJB
    BatchJobs batchJobs;

    /** Who runs the job and under which reservation ({@code null} = none). */
    public record TaskSpec(String workerType, String workerId, String authId, String store, String reservation,
            String busyMessage) {
    }

    /** Starts {@code jobXml}; returns the UPID. A taken reservation is a 400 with {@code busyMessage}. */
    public String start(TaskSpec spec, String jobXml, Map<String, String> params) {
        if (spec.reservation() != null && !registry.reserve(spec.reservation())) {
            throw ServiceException.badRequest(spec.busyMessage());
        }
        TaskHandle task;
        try {
            task = tasks.start(spec.workerType(), spec.workerId(), spec.authId(), spec.store());
        } catch (RuntimeException e) {
            registry.release(spec.reservation());
            throw e;
        }
        String upid = task.upid().toString();
        registry.register(task);
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("upid", upid);
        all.put("worker-type", spec.workerType());
        all.put("worker-id", spec.workerId() == null ? "" : spec.workerId());
        all.put("auth-id", spec.authId());
        all.put("task-store", spec.store() == null ? "" : spec.store());
        if (spec.reservation() != null) {
            all.put("reservation", spec.reservation());
        }
        Properties props = new Properties();
        all.forEach((k, v) -> {
            if (v != null) {
                props.setProperty(k, v);
            }
        });
        try {
            long execution = batchJobs.start(jobXml, props);
            LOG.fine(() -> "job " + jobXml + " execution " + execution + " runs task " + upid);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot start batch job " + jobXml, e);
            task.fail("cannot start job " + jobXml + ": " + e.getMessage());
            registry.forget(upid);
            registry.release(spec.reservation());
            throw new ServiceException(ServiceException.Kind.INTERNAL, "cannot start job " + jobXml + ": " + e.getMessage(), e);
        }
        return upid;
    }
}
