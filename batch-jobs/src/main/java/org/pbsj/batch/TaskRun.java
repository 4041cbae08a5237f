package org.pbsj.batch;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.job.JobLog;
import org.pbsj.server.application.TaskHandle;
import org.pbsj.server.application.TaskJobLog;

/**
 * The PBS task a job execution works for: its log as the progress sink, and a cancellation flag
 * raised by an abort of the task ({@code DELETE /nodes/…/tasks/{upid}}) or by
 * {@code JobOperator.stop}.
 */
final class TaskRun {
    private final TaskHandle task;
    private final Properties params;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    TaskRun(TaskHandle task, Properties params) {
        this.task = task;
        this.params = params;
    }

    String upid() {
        return task.upid().toString();
    }

    /** A job parameter; absent and empty are the same. */
    String param(String name) {
        String v = params.getProperty(name);
        return v == null || v.isEmpty() ? null : v;
    }

    Properties params() {
        return params;
    }

    JobLog log() {
        return new TaskJobLog(task);
    }

    boolean aborted() {
        return stopRequested.get() || task.isAborted();
    }

    void requestStop() {
        stopRequested.set(true);
    }

    void finish() {
        task.finish();
    }

    /** Ends the task with the error; the first end of a task is the one that counts. */
    void fail(Throwable e) {
        task.fail(e instanceof JobAbortedException ? e.getMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    void fail(String message) {
        task.fail(message);
    }

    boolean ended() {
        return task.isEnded();
    }
}
