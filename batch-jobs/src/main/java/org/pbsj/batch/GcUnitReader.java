package org.pbsj.batch;

import java.io.Serializable;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.gc.GcCheckpoint;
import org.pbsj.core.gc.GcRun;
import org.pbsj.core.job.JobAbortedException;
import org.pbsj.server.application.GcService;

/**
 * Hands out the units of a GC run (mark an index file, sweep a prefix directory). The checkpoint
 * is the run's {@link GcCheckpoint}: a restarted execution resumes the same run (same T0) after
 * the last unit done instead of starting over.
 */
@Named
@Dependent
public class GcUnitReader extends AbstractItemReader {
    @Inject
    JobContext job;
    @Inject
    StepContext step;
    @Inject
    TaskRuns runs;
    @Inject
    GcService gc;

    private TaskRun run;
    private GcRun gcRun;

    @Override
    public void open(Serializable checkpoint) {
        run = runs.attach(job);
        try {
            GcCheckpoint from = checkpoint instanceof GcCheckpoint c ? c : null;
            gcRun = gc.open(run.param("store"), from, run.log(), run::aborted);
            step.setTransientUserData(new GcJobRun(run, gcRun));
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
    }

    @Override
    public Object readItem() {
        if (run.aborted()) {
            JobAbortedException e = new JobAbortedException();
            run.fail(e);
            throw e;
        }
        return gcRun.next();
    }

    @Override
    public Serializable checkpointInfo() {
        return gcRun == null ? null : gcRun.checkpoint();
    }

    @Override
    public void close() {
        if (gcRun != null) {
            gcRun.close();
        }
    }
}
