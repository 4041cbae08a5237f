package org.pbsj.batch;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.job.JobLog;
import org.pbsj.server.application.JobNotice;
import org.pbsj.server.application.JobNotifier;
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
    private final JobNotifier notifier;
    private volatile List<String> summary = List.of();

    TaskRun(TaskHandle task, Properties params, JobNotifier notifier) {
        this.task = task;
        this.params = params;
        this.notifier = notifier;
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

    /** The lines of the job's result that its notification mail shows (GC counters, failed snapshots...). */
    void summary(List<String> lines) {
        summary = List.copyOf(lines);
    }

    void finish() {
        notifyEnd(null);
        task.finish();
    }

    /** Ends the task with the error; the first end of a task is the one that counts. */
    void fail(Throwable e) {
        fail(e instanceof JobAbortedException ? e.getMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    void fail(String message) {
        notifyEnd(message == null || message.isBlank() ? "unknown error" : message);
        task.fail(message);
    }

    /** Mails the job's end (if its kind and the datastore's settings ask for it) while the task log is open. */
    private void notifyEnd(String error) {
        if (notifier == null || task.isEnded()) {
            return;
        }
        JobNotice.ofTask(param("worker-type"), param("worker-id"), param("store"), upid(), error, summary,
                param("remote"), param("remote-store"), aborted()).ifPresent(n -> notifier.jobEnded(n, log()));
    }

    boolean ended() {
        return task.isEnded();
    }
}
