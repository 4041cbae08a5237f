package org.pbsj.core.pxar.fs;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sink of non-fatal problems (unreadable or vanished files, metadata that could not be restored). */
@FunctionalInterface
public interface Warnings {
    Warnings IGNORE = (path, message) -> { };

    /** {@code path} is the archive path ("/dir/file"). */
    void warn(String path, String message);

    default void warn(byte[] path, String message) {
        warn(new String(path, StandardCharsets.UTF_8), message);
    }

    /** Collects "path: message" lines, e.g. for tests and task logs. */
    static Warnings collectingInto(List<String> lines) {
        return (path, message) -> lines.add(path + ": " + message);
    }
}
