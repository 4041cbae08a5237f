package org.pbsj.server.application;

import org.pbsj.core.job.JobLog;

/** The progress sink of a core job writing into a PBS task log. */
public record TaskJobLog(TaskHandle task) implements JobLog {
    @Override
    public void info(String message) {
        task.log(message);
    }

    @Override
    public void warn(String message) {
        task.warn(message);
    }
}
