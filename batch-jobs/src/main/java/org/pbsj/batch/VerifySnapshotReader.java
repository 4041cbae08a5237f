package org.pbsj.batch;

import java.io.Serializable;
import java.util.List;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.verify.Verifier;
import org.pbsj.server.application.VerifyService;

/**
 * Reads the snapshots to verify (paths relative to the store). The checkpoint is the last
 * snapshot done; a restarted execution lists again and continues after it (from the start if it
 * is gone, which costs little: verified snapshots are skipped by {@code ignore-verified}).
 */
@Named
@Dependent
public class VerifySnapshotReader extends AbstractItemReader {
    @Inject
    JobContext job;
    @Inject
    StepContext step;
    @Inject
    TaskRuns runs;
    @Inject
    VerifyService verify;

    private List<String> snapshots;
    private int position;
    private String last;
    private TaskRun run;

    @Override
    public void open(Serializable checkpoint) {
        run = runs.attach(job);
        try {
            snapshots = verify.snapshots(run.param("store"), run.param("ns"), run.param("backup-type"),
                    run.param("backup-id"), run.param("backup-time"), run.param("max-depth"), run.param("owner"));
            if (checkpoint instanceof String done) {
                int i = snapshots.indexOf(done);
                position = i + 1;
                last = done;
                run.log().info("continuing after " + done + (i < 0 ? " (gone: starting over)" : ""));
            }
            String outdated = run.param("outdated-after");
            Verifier verifier = verify.verifier(run.param("store"), !"false".equals(run.param("ignore-verified")),
                    outdated == null ? null : Long.parseLong(outdated), run.upid(), run.log(), run::aborted);
            String earlier = run.param("earlier-upids");
            if (earlier != null) {
                verifier.continuing(java.util.Arrays.asList(earlier.split(",")));
            }
            step.setTransientUserData(new VerifyRun(run, verifier));
            run.log().info("verify datastore " + run.param("store") + ": " + (snapshots.size() - position)
                    + " snapshots to check");
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
        if (position >= snapshots.size()) {
            return null;
        }
        last = snapshots.get(position++);
        return last;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
