package org.pbsj.batch;

import java.util.Properties;

import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pbsj.server.application.JobNotifier;
import org.pbsj.server.application.JobRegistry;
import org.pbsj.server.application.TaskHandle;
import org.pbsj.server.application.TaskService;

/**
 * Finds the task of a job execution: the one the starting request created (handed over by UPID
 * through the {@link JobRegistry}), or, for an execution restarted after the server restarted,
 * a new task of the same type, id and user.
 */
@ApplicationScoped
public class TaskRuns {
    @Inject
    JobRegistry registry;
    @Inject
    TaskService tasks;
    @Inject
    JobNotifier notifier;

    TaskRun attach(JobContext job) {
        Properties p = job.getProperties();
        String upid = p.getProperty("upid");
        TaskHandle handle = registry.handle(upid).filter(h -> !h.isEnded()).orElseGet(() -> {
            TaskHandle h = tasks.start(p.getProperty("worker-type"), empty(p.getProperty("worker-id")),
                    p.getProperty("auth-id"), empty(p.getProperty("task-store")));
            registry.register(h);
            h.log("restarted job execution " + job.getExecutionId() + " of task " + upid);
            return h;
        });
        job.setTransientUserData(handle.upid().toString());
        return new TaskRun(handle, p, notifier);
    }

    /** Ends the task if the job's artifacts did not (a job that failed before its work began). */
    void complete(JobContext job, String failure) {
        Object upid = job.getTransientUserData();
        String key = upid instanceof String s ? s : job.getProperties().getProperty("upid");
        registry.handle(key).ifPresent(h -> {
            if (!h.isEnded()) {
                TaskRun run = new TaskRun(h, job.getProperties(), notifier);
                if (failure == null) {
                    run.finish();
                } else {
                    run.fail(failure);
                }
            }
            registry.forget(key);
        });
        registry.release(empty(job.getProperties().getProperty("reservation")));
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
