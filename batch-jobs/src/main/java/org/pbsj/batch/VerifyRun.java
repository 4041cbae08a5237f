package org.pbsj.batch;

import org.pbsj.core.verify.Verifier;

/** What the verify step's reader, processor and writer share: the task and the run's verifier. */
record VerifyRun(TaskRun task, Verifier verifier) {
}
