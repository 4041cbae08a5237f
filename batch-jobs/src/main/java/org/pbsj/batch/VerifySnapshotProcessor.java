package org.pbsj.batch;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.verify.Verifier;
import org.pbsj.server.application.VerifyService;

/** Verifies one snapshot; the item becomes {@code <outcome> <path>}. */
@Named
@Dependent
public class VerifySnapshotProcessor implements ItemProcessor {
    @Inject
    StepContext step;
    @Inject
    VerifyService verify;

    @Override
    public Object processItem(Object item) {
        VerifyRun run = (VerifyRun) step.getTransientUserData();
        try {
            Verifier.Outcome o = verify.verifySnapshot(run.verifier(), (String) item);
            return o + " " + item;
        } catch (RuntimeException e) {
            run.task().fail(e);
            throw e;
        }
    }
}
