package org.pbsj.core.job;

/** The job's cancellation flag was raised; the job stopped at a safe point (PBS: "abort requested"). */
public class JobAbortedException extends RuntimeException {
    public JobAbortedException() {
        super("abort requested - aborting task");
    }
}
