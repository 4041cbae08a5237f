package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pbsj.client.http.ApiResponse;

/** {@code pbs-manager task ...} against a scripted API. */
class ManagerTaskCommandsTest {
    private static final String UPID = "UPID:pbs1:000004D2:0001E240:00000000:665AF0A1:backup:s1\\x3ahost-h:root@pam:";

    private final List<String> calls = new ArrayList<>();
    private final Deque<ApiResponse> answers = new ArrayDeque<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        ManagerTaskCommands.Api api = (method, path, params) -> {
            calls.add(method + " " + path + " " + params);
            return answers.removeFirst();
        };
        Command root = Command.group("pbs-manager", "test", Command.group("task", "tasks",
                new ManagerTaskCommands(api, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8)).commands()));
        return new CommandLine("pbs-manager", root).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> line(long n, String t) {
        return Map.of("n", n, "t", t);
    }

    @Test
    void listShowsRunningTasksByDefault() {
        answers.add(new ApiResponse(List.of(Map.of("upid", UPID, "starttime", 0x665AF0A1L)), Map.of("total", 1L)));
        assertEquals(0, run("task", "list"), err.toString());
        assertEquals("GET /nodes/localhost/tasks {running=true, start=0, limit=50}", calls.get(0));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("running"), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(UPID), out.toString(StandardCharsets.UTF_8));
        answers.add(new ApiResponse(List.of(), Map.of()));
        assertEquals(0, run("task", "list", "--all", "--limit", "5"));
        assertEquals("GET /nodes/localhost/tasks {running=false, start=0, limit=5}", calls.get(1));
        assertEquals(2, run("task", "list", "--limit", "0"));
    }

    @Test
    void logFollowsARunningTaskAndStripsTimes() {
        answers.add(new ApiResponse(List.of(line(1, "2024-06-01T12:00:01+02:00: starting")), Map.of("active", true)));
        answers.add(new ApiResponse(List.of(line(2, "2024-06-01T12:00:02+02:00: TASK OK")), Map.of("active", false)));
        assertEquals(0, run("task", "log", UPID), err.toString());
        assertEquals("starting\nTASK OK\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(calls.get(0).startsWith("GET /nodes/localhost/tasks/UPID%3Apbs1%3A"), calls.get(0));
        assertTrue(calls.get(0).endsWith("/log {start=1, limit=500, test-status=true}"), calls.get(0));
        assertTrue(calls.get(1).endsWith("/log {start=2, limit=500, test-status=true}"), calls.get(1));
    }

    @Test
    void aFailedTaskFailsTheCommand() {
        answers.add(new ApiResponse(List.of(line(1, "2024-06-01T12:00:01+02:00: TASK ERROR: no space")),
                Map.of("active", false)));
        assertEquals(1, run("task", "log", UPID));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no space"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stopDeletesTheTask() {
        answers.add(new ApiResponse(null, Map.of()));
        assertEquals(0, run("task", "stop", UPID));
        assertTrue(calls.get(0).startsWith("DELETE /nodes/localhost/tasks/UPID%3A"), calls.get(0));
    }

    @Test
    void timePrefixesAreOnlyStrippedWhenPresent() {
        assertEquals("x", ManagerTaskCommands.withoutTime("2024-06-01T12:00:01+02:00: x"));
        assertEquals("short", ManagerTaskCommands.withoutTime("short"));
    }
}
