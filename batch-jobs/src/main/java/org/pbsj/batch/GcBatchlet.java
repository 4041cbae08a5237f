package org.pbsj.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.datastore.GcStatus;
import org.pbsj.server.application.GcService;

/** {@code garbage-collection.xml}: one GC run of the {@code store} job parameter. */
@Named
@Dependent
public class GcBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;
    @Inject
    TaskRuns runs;
    @Inject
    GcService gc;

    private volatile TaskRun run;

    @Override
    public String process() {
        run = runs.attach(job);
        try {
            GcStatus s = gc.collect(run.param("store"), run.upid(), run.log(), run::aborted);
            run.finish();
            return "COMPLETED: removed " + s.removedChunks() + " chunks";
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
