package org.pbsj.core.task;

import java.util.Locale;
import java.util.Objects;

/**
 * How a stopped task ended ({@code rest-api.md} §6.2): {@code OK}, {@code WARNINGS: n}, an error
 * message, or {@code unknown} (the task died without a final line).
 */
public record TaskState(Kind kind, long endtime, long warnings, String message) {
    /** The kinds, named as {@code statusfilter} names them. */
    public enum Kind {
        OK, WARNING, ERROR, UNKNOWN;

        public String filterName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind byFilterName(String name) {
            for (Kind k : values()) {
                if (k.filterName().equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown task status '" + name + "'");
        }
    }

    public TaskState {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ERROR) {
            Objects.requireNonNull(message, "message");
        }
    }

    public static TaskState ok(long endtime) {
        return new TaskState(Kind.OK, endtime, 0, null);
    }

    public static TaskState warnings(long endtime, long count) {
        return new TaskState(Kind.WARNING, endtime, count, null);
    }

    public static TaskState error(long endtime, String message) {
        return new TaskState(Kind.ERROR, endtime, 0, message);
    }

    public static TaskState unknown(long endtime) {
        return new TaskState(Kind.UNKNOWN, endtime, 0, null);
    }

    /** OK, or WARNINGS when warnings were logged. */
    public static TaskState success(long endtime, long warnings) {
        return warnings > 0 ? warnings(endtime, warnings) : ok(endtime);
    }

    /**
     * PBS's {@code TaskState::from_endtime_and_message}: the status text of the task list, or what
     * follows {@code TASK } in the last log line. An {@code ERROR: } prefix is stripped.
     */
    public static TaskState parse(String text, long endtime) {
        if (text.equals("unknown")) {
            return unknown(endtime);
        }
        if (text.equals("OK")) {
            return ok(endtime);
        }
        if (text.startsWith("WARNINGS: ")) {
            try {
                return warnings(endtime, Long.parseUnsignedLong(text.substring("WARNINGS: ".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unable to parse task status '" + text + "'");
            }
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("unable to parse task status ''");
        }
        return error(endtime, text.startsWith("ERROR: ") ? text.substring("ERROR: ".length()) : text);
    }

    /** The status text of the API ({@code exitstatus}, {@code status}): OK, WARNINGS: n, the message, unknown. */
    public String text() {
        return switch (kind) {
            case OK -> "OK";
            case WARNING -> "WARNINGS: " + warnings;
            case ERROR -> message;
            case UNKNOWN -> "unknown";
        };
    }

    /** The message of the final log line (after the time prefix). */
    public String resultLine() {
        return kind == Kind.ERROR ? "TASK ERROR: " + message : "TASK " + text();
    }
}
