package org.pbsj.batch;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Closes the PBS task of every job execution: the work steps end it with their result; this
 * listener ends it if they could not (an artifact failed to load, the job was stopped) and frees
 * the job's reservation (one GC per datastore).
 */
@Named
@Dependent
public class TaskJobListener implements JobListener {
    @Inject
    JobContext job;
    @Inject
    TaskRuns runs;

    @Override
    public void beforeJob() {
        // the work artifacts attach to the task themselves
    }

    @Override
    public void afterJob() {
        BatchStatus status = job.getBatchStatus();
        String exit = job.getExitStatus();
        String failure = null;
        if (exit != null && exit.startsWith("FAILED")) {
            failure = exit.length() > 8 ? exit.substring(8) : "job failed";
        } else if (status == BatchStatus.FAILED) {
            failure = "job failed";
        } else if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            failure = "job stopped";
        }
        runs.complete(job, failure);
    }
}
