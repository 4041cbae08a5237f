package org.pbsj.core.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link JobLog} for tests: keeps every line, warnings prefixed {@code WARN: }. */
public final class CollectingLog implements JobLog {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN: " + message);
    }

    public boolean contains(String part) {
        return lines.stream().anyMatch(l -> l.contains(part));
    }

    public long warnings() {
        return lines.stream().filter(l -> l.startsWith("WARN: ")).count();
    }
}
