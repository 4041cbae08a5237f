package org.pbsj.batch;

import java.util.HashMap;
import java.util.Map;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.sync.SyncStats;
import org.pbsj.server.application.JobMail;
import org.pbsj.server.application.SyncService;

/** {@code sync.xml}: one pull with the job's parameters. */
@Named
@Dependent
public class SyncBatchlet extends AbstractBatchlet {
    @Inject
    JobContext job;
    @Inject
    TaskRuns runs;
    @Inject
    SyncService sync;

    private volatile TaskRun run;

    @Override
    public String process() {
        run = runs.attach(job);
        try {
            Map<String, String> params = new HashMap<>();
            run.params().stringPropertyNames().forEach(k -> params.put(k, run.params().getProperty(k)));
            SyncStats.Totals t = sync.run(params, run.log(), run::aborted);
            run.summary(JobMail.syncSummary(t));
            run.finish();
            return "COMPLETED: " + t.snapshots() + " snapshots, " + t.chunksDownloaded() + " chunks downloaded";
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
