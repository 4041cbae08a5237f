package org.pbsj.client.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.client.http.ApiResponse;
import org.pbsj.core.client.ClientException;
import org.pbsj.client.http.PbsHttpClient;

/**
 * {@code pbs-manager task list|log|stop}, as {@code proxmox-backup-manager task ...} has them,
 * over {@code /nodes/localhost/tasks} ({@code rest-api.md} §6.3).
 */
final class ManagerTaskCommands {
    static final String TASKS = "/nodes/localhost/tasks";
    /** Length of a log line's time prefix, {@code 2024-06-01T12:00:01+02:00: }. */
    private static final int TIME_PREFIX = 27;
    private static final int LOG_PAGE = 500;

    /** One API call of the manager with the result attributes (with its error explanations). */
    interface Api {
        ApiResponse request(String method, String path, Map<String, ?> params);
    }

    private final Api api;
    private final Map<String, String> env;
    private final PrintStream out;

    ManagerTaskCommands(Api api, Map<String, String> env, PrintStream out) {
        this.api = api;
        this.env = env;
        this.out = out;
    }

    Command[] commands() {
        return new Command[] {
                ManagerMain.withOutput(Command.leaf("list", "List running server tasks."))
                        .flag("all", "Also list stopped tasks.")
                        .option("limit", "N", "The maximal number of tasks to list (1-1000, default 50).")
                        .action(this::list),
                Command.leaf("log", "Display the log of a task, following it while the task runs.")
                        .arg("upid", "Task id (UPID).").action(this::log),
                Command.leaf("stop", "Ask a running task to stop.")
                        .arg("upid", "Task id (UPID).").action(this::stop),
                Command.leaf("restart", "Restart the job of a task that did not finish (e.g. killed with the "
                        + "server) from its last checkpoint; prints the new task id.")
                        .arg("upid", "Task id (UPID).").action(this::restart)};
    }

    private int restart(ParsedArgs a) {
        Object upid = api.request("POST", TASKS + "/" + PbsHttpClient.segment(a.arg("upid")) + "/restart", Map.of())
                .data();
        out.println(upid);
        return 0;
    }

    private int list(ParsedArgs a) {
        Long limit = a.longOption("limit");
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw new UsageException("--limit must be between 1 and 1000");
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("running", !a.flag("all"));
        q.put("start", 0);
        q.put("limit", limit == null ? 50 : limit);
        Object data = api.request("GET", TASKS, q).data();
        out.print(OutputFormat.of(a, env).format(data, List.of(Column.of("starttime").rendered(Column::epoch),
                Column.of("endtime").rendered(Column::epoch), Column.of("upid"),
                // a task without status still runs (render_task_status)
                Column.of("status").rendered(v -> v == null ? "running" : Column.plain(v))),
                OutputFormat.table(env)));
        return 0;
    }

    /**
     * Prints the log without its time stamps, polling while the task runs, like
     * {@code display_task_log}; a task that ended with an error makes the command fail.
     */
    private int log(ParsedArgs a) {
        String path = TASKS + "/" + PbsHttpClient.segment(a.arg("upid")) + "/log";
        long start = 1;
        String last = null;
        while (true) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("start", start);
            q.put("limit", LOG_PAGE);
            q.put("test-status", true);
            ApiResponse r = api.request("GET", path, q);
            List<?> lines = r.data() instanceof List<?> l ? l : List.of();
            for (Object o : lines) {
                if (o instanceof Map<?, ?> m && m.get("t") instanceof String t) {
                    last = withoutTime(t);
                    out.println(last);
                }
            }
            start += lines.size();
            if (lines.size() >= LOG_PAGE) {
                continue;
            }
            if (!Boolean.TRUE.equals(r.attributes().get("active"))) {
                break;
            }
            pause();
        }
        if (last != null && last.startsWith("TASK ERROR: ")) {
            throw new ClientException(last.substring("TASK ERROR: ".length()));
        }
        return 0;
    }

    private int stop(ParsedArgs a) {
        api.request("DELETE", TASKS + "/" + PbsHttpClient.segment(a.arg("upid")), Map.of());
        return 0;
    }

    static String withoutTime(String line) {
        return line.length() > TIME_PREFIX && line.startsWith(": ", TIME_PREFIX - 2) ? line.substring(TIME_PREFIX) : line;
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted", e);
        }
    }
}
