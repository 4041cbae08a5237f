package org.pbsj.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.prune.PruneExecutor;
import org.pbsj.server.application.JobMail;
import org.pbsj.server.application.PruneService;

/** {@code prune.xml}: prunes a group or a namespace tree with the job's keep options. */
@Named
@Dependent
public class PruneBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;
    @Inject
    TaskRuns runs;
    @Inject
    PruneService prune;

    private volatile TaskRun run;

    @Override
    public String process() {
        run = runs.attach(job);
        try {
            Map<String, String> params = new HashMap<>();
            run.params().stringPropertyNames().forEach(k -> params.put(k, run.params().getProperty(k)));
            List<PruneExecutor.Result> results = prune.run(params, run.log(), run::aborted);
            long removed = results.stream().filter(PruneExecutor.Result::removed).count();
            long keep = results.stream().filter(PruneExecutor.Result::keep).count();
            run.log().info("prune done: " + results.size() + " snapshots, " + keep + " kept, " + removed + " removed");
            run.summary(JobMail.pruneSummary(results.size(), keep, removed));
            run.finish();
            return "COMPLETED: removed " + removed + " snapshots";
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
