package org.pbsj.core.job;

import java.util.function.BooleanSupplier;

/**
 * The progress sink of a long-running datastore job (GC, verify, prune): in the server it writes
 * the task log, in tests it collects lines. Implementations must be thread-safe (verify logs from
 * its worker threads).
 */
public interface JobLog {
    /** Discards everything. */
    JobLog NONE = new JobLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    void info(String message);

    /** A warning: the task ends with {@code TASK WARNINGS: n}. */
    void warn(String message);

    /** Throws {@link JobAbortedException} if {@code aborted} says so; jobs call it between steps. */
    static void checkAbort(BooleanSupplier aborted) {
        if (aborted.getAsBoolean()) {
            throw new JobAbortedException();
        }
    }
}
