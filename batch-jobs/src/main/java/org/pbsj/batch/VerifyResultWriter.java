package org.pbsj.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.verify.Verifier;
import org.pbsj.server.application.JobMail;

/**
 * Collects the failed snapshots (checkpointed with them, so a restart keeps the earlier failures)
 * and ends the task: {@code verification failed - please check the log for details} if any failed.
 */
@Named
@Dependent
public class VerifyResultWriter extends AbstractItemWriter {
    static final String FAILED = "verification failed - please check the log for details";

    @Inject
    StepContext step;
    @Inject
    JobContext job;

    private ArrayList<String> failed = new ArrayList<>();
    private int done;

    @Override
    @SuppressWarnings("unchecked")
    public void open(Serializable checkpoint) {
        if (checkpoint instanceof ArrayList<?> l) {
            failed = (ArrayList<String>) l;
        }
    }

    @Override
    public void writeItems(List<Object> items) {
        for (Object o : items) {
            String line = (String) o;
            done++;
            if (line.startsWith(Verifier.Outcome.FAILED + " ")) {
                failed.add(line.substring(line.indexOf(' ') + 1));
            }
        }
        if (!failed.isEmpty()) {
            job.setExitStatus("FAILED: " + FAILED);
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return new ArrayList<>(failed);
    }

    @Override
    public void close() {
        if (!(step.getTransientUserData() instanceof VerifyRun run) || run.task().ended()) {
            return;
        }
        if (!failed.isEmpty()) {
            run.task().log().info("Failed to verify the following snapshots/groups:");
            failed.forEach(f -> run.task().log().info("\t" + f));
            run.task().summary(JobMail.verifySummary(failed));
            run.task().fail(FAILED);
        } else {
            run.task().log().info("verified " + run.verifier().verifiedChunks() + " chunks in " + done + " snapshots");
            run.task().finish();
        }
    }
}
