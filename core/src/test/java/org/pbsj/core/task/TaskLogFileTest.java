package org.pbsj.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLogFileTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T10:00:01Z"), ZoneOffset.UTC);
    private static final Upid UPID = new Upid("pbs1", 1234, 0x1E2AB, 3, 0x665AF0A1L, "create-datastore", "store2", "root@pam");

    @TempDir
    Path tasks;

    @Test
    void writesInPbsLayout() throws IOException {
        try (TaskLogFile log = TaskLogFile.create(tasks, UPID, CLOCK, ZoneOffset.UTC)) {
            assertEquals(tasks.resolve("AB").resolve(UPID.toString()), log.file());
            log.log("creating datastore");
            log.log(TaskLogFormat.warning("two\nlines"));
            log.finish(TaskState.error(1, "failed\nbadly"));
        }
        List<String> lines = Files.readAllLines(tasks.resolve("AB").resolve(UPID.toString()), StandardCharsets.UTF_8);
        assertEquals(List.of("2024-06-01T10:00:01+00:00: creating datastore",
                "2024-06-01T10:00:01+00:00: WARN: two",
                "2024-06-01T10:00:01+00:00: lines",
                "2024-06-01T10:00:01+00:00: TASK ERROR: failed badly"), lines);
        assertEquals(Optional.of("2024-06-01T10:00:01+00:00: TASK ERROR: failed badly"),
                TaskLogFile.lastLine(TaskLogFile.path(tasks, UPID)));
    }

    @Test
    void aUpidIsNeverReused() {
        TaskLogFile.create(tasks, UPID, CLOCK, ZoneOffset.UTC).close();
        assertThrows(UncheckedIOException.class, () -> TaskLogFile.create(tasks, UPID, CLOCK, ZoneOffset.UTC));
    }

    @Test
    void pagesLikeReadTaskLog() throws IOException {
        Path file = tasks.resolve("log");
        Files.writeString(file, "a\nb\nc\nd\ne\n");
        TaskLogFile.Page first = TaskLogFile.read(file, 0, 2);
        assertEquals(List.of(new TaskLogFile.Line(1, "a"), new TaskLogFile.Line(2, "b")), first.lines());
        assertEquals(5, first.total());
        assertEquals(first, TaskLogFile.read(file, 1, 2));
        assertEquals(List.of(new TaskLogFile.Line(4, "d"), new TaskLogFile.Line(5, "e")), TaskLogFile.read(file, 4, 50).lines());
        assertEquals(5, TaskLogFile.read(file, 0, 0).lines().size());
        assertEquals(List.of(), TaskLogFile.read(file, 9, 0).lines());
    }

    @Test
    void lastLineOfLongAndEmptyFiles() throws IOException {
        Path file = tasks.resolve("long");
        Files.writeString(file, "x".repeat(40_000) + "\nlast line\n\n");
        assertEquals(Optional.of("last line"), TaskLogFile.lastLine(file));
        Files.writeString(file, "");
        assertTrue(TaskLogFile.lastLine(file).isEmpty());
        Files.writeString(file, "y".repeat(40_000));
        assertTrue(TaskLogFile.lastLine(file).isEmpty(), "a cut line is not a line");
        Files.writeString(file, "only");
        assertEquals(Optional.of("only"), TaskLogFile.lastLine(file));
    }
}
