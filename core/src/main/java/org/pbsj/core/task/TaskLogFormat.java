package org.pbsj.core.task;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Lines of a PBS task log ({@code rest-api.md} §6.2): {@code <local RFC 3339 time>: <message>},
 * warnings as {@code WARN: <msg>}, and a final {@code TASK OK}, {@code TASK WARNINGS: n} or
 * {@code TASK ERROR: msg} line from which the state of a stopped task is read.
 */
public final class TaskLogFormat {
    /** RFC 3339 with a numeric offset ({@code +00:00}, never {@code Z}), as {@code epoch_to_rfc3339} writes it. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final String SEPARATOR = ": ";

    private TaskLogFormat() {
    }

    /** One log line without its newline. */
    public static String line(Instant time, ZoneId zone, String message) {
        return TIME.format(OffsetDateTime.ofInstant(time, zone)) + SEPARATOR + message;
    }

    public static String warning(String message) {
        return "WARN: " + message;
    }

    /** The epoch seconds of a line's time prefix, if it has a valid one. */
    public static Optional<Long> time(String line) {
        int sep = line.indexOf(SEPARATOR);
        if (sep < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(line.substring(0, sep), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toEpochSecond());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The state of a stopped task from its last log line ({@code upid_read_status}): a line with a
     * valid time sets the end time even when its message is no {@code TASK} result (then the state
     * is {@code unknown}); without a parsable line, the state is unknown and ends at the start time.
     */
    public static TaskState stateFromLastLine(String lastLine, long starttime) {
        if (lastLine == null) {
            return TaskState.unknown(starttime);
        }
        Optional<Long> endtime = time(lastLine);
        if (endtime.isEmpty()) {
            return TaskState.unknown(starttime);
        }
        String rest = lastLine.substring(lastLine.indexOf(SEPARATOR) + SEPARATOR.length());
        if (rest.startsWith("TASK ")) {
            try {
                return TaskState.parse(rest.substring("TASK ".length()), endtime.get());
            } catch (IllegalArgumentException e) {
                // an unparsable result line is an unknown end, as in PBS
            }
        }
        return TaskState.unknown(endtime.get());
    }
}
