package org.pbsj.batch;

import java.util.List;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.gc.GcRun;

/** Does the GC units of one chunk, in order; the reader's checkpoint then covers them. */
@Named
@Dependent
public class GcUnitWriter extends AbstractItemWriter {
    @Inject
    StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        GcJobRun j = (GcJobRun) step.getTransientUserData();
        try {
            for (Object item : items) {
                j.gc().process((GcRun.Unit) item);
            }
        } catch (RuntimeException e) {
            j.task().fail(e);
            throw e;
        }
    }
}
