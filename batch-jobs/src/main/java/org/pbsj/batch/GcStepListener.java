package org.pbsj.batch;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.datastore.GcStatus;
import org.pbsj.server.application.JobMail;

/** After the last GC unit: the statistics, {@code .gc-status} and the task's end. */
@Named
@Dependent
public class GcStepListener implements StepListener {
    @Inject
    StepContext step;

    @Override
    public void beforeStep() {
        // the reader opens the run
    }

    @Override
    public void afterStep() {
        if (step.getException() == null && step.getTransientUserData() instanceof GcJobRun j && !j.task().ended()) {
            try {
                GcStatus status = j.gc().finish(j.task().upid());
                j.task().summary(JobMail.gcSummary(status));
                j.task().finish();
            } catch (RuntimeException e) {
                j.task().fail(e);
                throw e;
            }
        }
    }
}
