package org.pbsj.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.client.BackupJob;
import org.pbsj.server.application.BackupJobRunner;

/** {@code backup.xml}: one run of the server-side backup job {@code job-id}. */
@Named
@Dependent
public class BackupBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;
    @Inject
    TaskRuns runs;
    @Inject
    BackupJobRunner backups;

    private volatile TaskRun run;

    @Override
    public String process() {
        run = runs.attach(job);
        try {
            BackupJob.Result r = backups.execute(run.param("job-id"), run.log(), run::aborted);
            run.finish();
            return "COMPLETED: " + r.snapshot();
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    @Override
    public void stop() {
        TaskRun r = run;
        if (r != null) {
            r.requestStop();
        }
    }
}
