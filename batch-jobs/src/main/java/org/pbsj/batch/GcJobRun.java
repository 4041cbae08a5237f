package org.pbsj.batch;

import org.pbsj.core.gc.GcRun;

/** What the GC step's reader, writer and listener share: the task and the run. */
record GcJobRun(TaskRun task, GcRun gc) {
}
