package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.task.TaskLogFile;
import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;

class TaskHandleTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T10:00:01Z"), ZoneOffset.UTC);

    @TempDir
    Path tasks;
    private final List<TaskState> ends = new ArrayList<>();

    private TaskHandle start(int n) {
        Upid upid = new Upid("pbs1", 1, 2, n, 3, "backup", "s:host/h", "a@pbs");
        return new TaskHandle(upid, TaskLogFile.create(tasks, upid, CLOCK, ZoneOffset.UTC), CLOCK, ends::add);
    }

    private List<String> lines(TaskHandle h) throws IOException {
        return Files.readAllLines(TaskLogFile.path(tasks, h.upid())).stream().map(l -> l.substring(27)).toList();
    }

    @Test
    void warningsMakeAWarningsEndAndOnlyTheFirstEndCounts() throws IOException {
        TaskHandle h = start(0);
        h.log("starting");
        h.warn("odd");
        h.finish();
        h.fail("too late");
        h.log("ignored");
        assertEquals(List.of("starting", "WARN: odd", "TASK WARNINGS: 1"), lines(h));
        assertEquals(List.of(TaskState.warnings(CLOCK.instant().getEpochSecond(), 1)), ends);
    }

    @Test
    void failuresAndAborts() throws IOException {
        TaskHandle h = start(1);
        assertFalse(h.isAborted());
        h.requestAbort();
        h.requestAbort();
        assertTrue(h.isAborted());
        h.fail("backup ended but finished flag is not set.\nsecond line");
        assertEquals(List.of("received abort request ...",
                "TASK ERROR: backup ended but finished flag is not set. second line"), lines(h));
        assertEquals("backup ended but finished flag is not set. second line", ends.get(0).text());
    }

    @Test
    void ownersAndTheirUsersSeeTasks() {
        assertTrue(TaskService.canSee(new AuthService.Caller("a@pbs"), "a@pbs"));
        assertTrue(TaskService.canSee(new AuthService.Caller("a@pbs"), "a@pbs!tok"));
        assertTrue(TaskService.canSee(new AuthService.Caller("a@pbs!tok"), "a@pbs!tok"));
        assertFalse(TaskService.canSee(new AuthService.Caller("a@pbs!tok"), "a@pbs"));
        assertFalse(TaskService.canSee(new AuthService.Caller("a@pbs!tok"), "a@pbs!other"));
        assertFalse(TaskService.canSee(new AuthService.Caller("a@pbs"), "a@pbsx"));
    }
}
