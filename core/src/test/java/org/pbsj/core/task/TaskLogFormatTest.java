package org.pbsj.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TaskLogFormatTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void linesCarryLocalTimeWithNumericOffset() {
        Instant t = Instant.parse("2024-06-01T10:00:01Z");
        assertEquals("2024-06-01T12:00:01+02:00: starting new backup on datastore 'store1'",
                TaskLogFormat.line(t, BERLIN, "starting new backup on datastore 'store1'"));
        assertEquals("2024-06-01T10:00:01+00:00: x", TaskLogFormat.line(t, ZoneOffset.UTC, "x"));
        assertEquals("WARN: low space", TaskLogFormat.warning("low space"));
    }

    @Test
    void stateFromFinalLines() {
        long end = Instant.parse("2024-06-01T10:00:05Z").getEpochSecond();
        assertEquals(TaskState.ok(end), TaskLogFormat.stateFromLastLine("2024-06-01T12:00:05+02:00: TASK OK", 1));
        assertEquals(TaskState.warnings(end, 2),
                TaskLogFormat.stateFromLastLine("2024-06-01T12:00:05+02:00: TASK WARNINGS: 2", 1));
        assertEquals(TaskState.error(end, "backup ended but finished flag is not set."),
                TaskLogFormat.stateFromLastLine(
                        "2024-06-01T12:00:05+02:00: TASK ERROR: backup ended but finished flag is not set.", 1));
    }

    @Test
    void unparsableEndsAreUnknown() {
        long end = Instant.parse("2024-06-01T10:00:05Z").getEpochSecond();
        // a valid time still sets the end time
        assertEquals(TaskState.unknown(end), TaskLogFormat.stateFromLastLine("2024-06-01T12:00:05+02:00: uploading", 1));
        assertEquals(TaskState.unknown(end), TaskLogFormat.stateFromLastLine("2024-06-01T12:00:05+02:00: TASK WARNINGS: x", 1));
        assertEquals(TaskState.unknown(42), TaskLogFormat.stateFromLastLine("garbage", 42));
        assertEquals(TaskState.unknown(42), TaskLogFormat.stateFromLastLine("2024-13-01T12:00:05+02:00: TASK OK", 42));
        assertEquals(TaskState.unknown(42), TaskLogFormat.stateFromLastLine(null, 42));
    }

    @Test
    void timeOfALine() {
        assertEquals(Optional.of(1717236001L), TaskLogFormat.time("2024-06-01T12:00:01+02:00: x"));
        assertTrue(TaskLogFormat.time("no time: here").isEmpty());
    }
}
