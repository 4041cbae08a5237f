package org.pbsj.server.application;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.pbsj.core.task.TaskLogFile;
import org.pbsj.core.task.TaskLogFormat;
import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;

/**
 * A running task as its worker sees it: the log to write, the abort flag to poll, and the end
 * ({@link #finish()} or {@link #fail(String)}, only the first counts). Safe to use from several
 * threads, as the streams of one backup session do. A broken log never fails the work itself.
 */
public final class TaskHandle {
    private static final Logger LOG = Logger.getLogger(TaskHandle.class.getName());

    private final Upid upid;
    private final TaskLogFile log;
    private final Clock clock;
    private final Consumer<TaskState> onEnd;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<Runnable> abortAction = new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong warnings = new AtomicLong();

    TaskHandle(Upid upid, TaskLogFile log, Clock clock, Consumer<TaskState> onEnd) {
        this.upid = upid;
        this.log = log;
        this.clock = clock;
        this.onEnd = onEnd;
    }

    public Upid upid() {
        return upid;
    }

    public void log(String message) {
        if (ended.get()) {
            return;
        }
        try {
            log.log(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write the log of task " + upid, e);
        }
    }

    /** Logs {@code WARN: msg}; a task that logged warnings ends with {@code TASK WARNINGS: n}. */
    public void warn(String message) {
        warnings.incrementAndGet();
        log(TaskLogFormat.warning(message));
    }

    public long warnings() {
        return warnings.get();
    }

    /** True once someone asked to stop the task; long-running workers poll this. */
    public boolean isAborted() {
        return aborted.get();
    }

    void requestAbort() {
        if (aborted.compareAndSet(false, true)) {
            log("received abort request ...");
            Runnable r = abortAction.get();
            if (r != null) {
                r.run();
            }
        }
    }

    /**
     * Work that cannot poll {@link #isAborted} (a protocol session waiting for its client)
     * registers what tears it down; runs at once if the abort already came.
     */
    public void onAbort(Runnable action) {
        abortAction.set(action);
        if (aborted.get()) {
            action.run();
        }
    }

    public boolean isEnded() {
        return ended.get();
    }

    /** Ends with OK, or WARNINGS when warnings were logged. */
    public void finish() {
        end(TaskState.success(clock.instant().getEpochSecond(), warnings.get()));
    }

    /** Ends with {@code TASK ERROR: msg}; line breaks become spaces so the result stays one line. */
    public void fail(String message) {
        String text = message == null || message.isBlank() ? "unknown error" : message.replaceAll("\\r?\\n", " ");
        end(TaskState.error(clock.instant().getEpochSecond(), text));
    }

    private void end(TaskState state) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            log.finish(state);
            log.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write the end of task " + upid, e);
        }
        try {
            onEnd.accept(state);
        } catch (RuntimeException e) {
            // e.g. at shutdown: the worker's own clean-up must still run; a restart marks the row
            LOG.log(Level.WARNING, "cannot store the end of task " + upid, e);
        }
    }

    /** Closes the log without an end line: after a restart the task shows as stopped, state unknown. */
    void abandon() {
        if (ended.compareAndSet(false, true)) {
            try {
                log.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "cannot close the log of task " + upid, e);
            }
        }
    }
}
