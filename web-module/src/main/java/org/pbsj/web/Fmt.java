package org.pbsj.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;
import org.pbsj.server.application.TaskService;

/** Display formats for the views ({@code #{fmt.time(t)}}): presentation only, no decisions. */
@Named
@ApplicationScoped
public class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    public String time(Long epoch) {
        return epoch == null || epoch == 0 ? "" : TIME.format(Instant.ofEpochSecond(epoch));
    }

    public String bytes(Long n) {
        if (n == null) {
            return "";
        }
        double v = n;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.2f %s", v, UNITS[u]);
    }

    /** Used share in percent, 0..100, for the usage bars. */
    public long percent(Long used, Long total) {
        return used == null || total == null || total <= 0 ? 0 : Math.min(100, Math.round(100.0 * used / total));
    }

    /** The status column of PBS's task list: empty while running, else OK / WARNINGS: n / the error. */
    public String status(TaskService.TaskInfo t) {
        TaskState s = t.state();
        return s == null ? "running" : s.kind() == TaskState.Kind.ERROR ? "Error: " + s.text() : s.text();
    }

    public String statusClass(TaskService.TaskInfo t) {
        TaskState s = t.state();
        return s == null ? "st-running" : "st-" + s.kind().filterName();
    }

    /** PBS's task description: "Datastore store1 - Garbage collect" is its GUI; here type and id. */
    public String description(Upid u) {
        String type = switch (u.workerType()) {
            case "garbage_collection" -> "Garbage collect";
            case "prune", "prunejob" -> "Prune";
            case "verify", "verificationjob", "verify_snapshot", "verify_group" -> "Verify";
            case "syncjob", "sync" -> "Sync";
            case "backup" -> "Backup";
            case "reader" -> "Restore";
            case "create-datastore" -> "Create datastore";
            default -> u.workerType();
        };
        return u.workerId() == null ? type : type + " " + u.workerId();
    }

    public String upid(Upid u) {
        return u.toString();
    }
}
