package org.pbsj.client.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.client.http.PbsHttpClient;

/**
 * The job commands of {@code proxmox-backup-manager}: {@code garbage-collection start|status|list},
 * {@code verify-job ...} and {@code prune-job ...} over {@code /admin} and {@code /config}
 * ({@code rest-api.md} §4.3–4.5). Starting a job prints its task id; follow it with
 * {@code pbs-manager task log UPID}.
 */
final class ManagerJobCommands {
    private static final String[] KEEP = {"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"};

    private final ManagerTaskCommands.Api api;
    private final Map<String, String> env;
    private final PrintStream out;

    ManagerJobCommands(ManagerTaskCommands.Api api, Map<String, String> env, PrintStream out) {
        this.api = api;
        this.env = env;
        this.out = out;
    }

    Command[] garbageCollection() {
        return new Command[] {
                Command.leaf("start", "Start garbage collection on a datastore; prints the task id.")
                        .arg("store", "Datastore name.")
                        .action(a -> printUpid(api.request("POST", "/admin/datastore/" + seg(a.arg("store")) + "/gc", Map.of()).data())),
                ManagerMain.withOutput(Command.leaf("status", "Show the last garbage collection result of a datastore."))
                        .arg("store", "Datastore name.")
                        .action(a -> print(a, api.request("GET", "/admin/datastore/" + seg(a.arg("store")) + "/gc", Map.of()).data(),
                                List.of())),
                ManagerMain.withOutput(Command.leaf("list", "Garbage collection status of all datastores."))
                        .action(a -> print(a, api.request("GET", "/admin/gc", Map.of()).data(), List.of(Column.of("store"),
                                Column.of("last-run-state"), Column.of("removed-bytes"), Column.of("pending-bytes"),
                                Column.of("disk-bytes"), Column.of("next-run"))))};
    }

    Command[] jobs(String kind) {
        String[] fields = switch (kind) {
            case "verify" -> new String[] {"ns", "max-depth", "ignore-verified", "outdated-after", "comment", "schedule"};
            case "backup-job" -> new String[] {"backup-id", "source", "backup-type", "ns", "exclude",
                    "change-detection-mode", "owner", "comment", "schedule", "disable"};
            default -> concat(KEEP, "ns", "max-depth", "comment", "schedule", "disable");
        };
        Command.Builder create = Command.leaf("create", "Create a " + kind + " job.")
                .arg("id", "Job id.").option("store", "name", "Datastore (required).");
        Command.Builder update = Command.leaf("update", "Change a " + kind + " job.").arg("id", "Job id.")
                .option("store", "name", "Datastore.");
        for (String f : fields) {
            create = create.option(f, "value", option(f));
            update = update.option(f, "value", option(f));
        }
        return new Command[] {
                ManagerMain.withOutput(Command.leaf("list", "List the " + kind + " jobs and their last and next runs."))
                        .action(a -> print(a, api.request("GET", "/admin/" + kind, Map.of()).data(), List.of(Column.of("id"),
                                Column.of("store"), Column.of("schedule"), Column.of("last-run-state"), Column.of("next-run")))),
                ManagerMain.withOutput(Command.leaf("show", "Show a " + kind + " job's configuration.")).arg("id", "Job id.")
                        .action(a -> print(a, api.request("GET", "/config/" + kind + "/" + seg(a.arg("id")), Map.of()).data(), List.of())),
                create.action(a -> {
                    if (a.option("store") == null) {
                        throw new UsageException("--store is required");
                    }
                    api.request("POST", "/config/" + kind, params(a, fields, a.arg("id")));
                    return 0;
                }),
                update.action(a -> {
                    Map<String, Object> p = params(a, fields, null);
                    api.request("PUT", "/config/" + kind + "/" + seg(a.arg("id")), p);
                    return 0;
                }),
                Command.leaf("remove", "Remove a " + kind + " job.").arg("id", "Job id.")
                        .action(a -> {
                            api.request("DELETE", "/config/" + kind + "/" + seg(a.arg("id")), Map.of());
                            return 0;
                        }),
                Command.leaf("run", "Run a " + kind + " job now; prints the task id.").arg("id", "Job id.")
                        .action(a -> printUpid(api.request("POST", "/admin/" + kind + "/" + seg(a.arg("id")) + "/run", Map.of()).data()))};
    }

    private static String option(String field) {
        return field.startsWith("keep-") ? "Number of " + field.substring(5) + " backups to keep."
                : switch (field) {
                    case "schedule" -> "Calendar event, e.g. 'daily' or 'sat 02:00'.";
                    case "ns" -> "Namespace (a/b).";
                    case "max-depth" -> "How many namespace levels below ns.";
                    case "ignore-verified" -> "Skip snapshots verified before (true/false).";
                    case "outdated-after" -> "Re-verify snapshots verified more than this many days ago.";
                    case "disable" -> "Disable the job (true/false).";
                    case "backup-id" -> "Backup id of the snapshots (required for a backup job).";
                    case "source" -> "What to back up: <label>.pxar:<dir>, <label>.img:<file>, comma-separated.";
                    case "backup-type" -> "Backup type: host (default), vm or ct.";
                    case "exclude" -> "Exclude patterns, comma-separated (e.g. '*.tmp,/var/cache').";
                    case "change-detection-mode" -> "legacy (default), data or metadata.";
                    case "owner" -> "Owner of the backup group (default: you).";
                    default -> "Comment.";
                };
    }

    private static Map<String, Object> params(ParsedArgs a, String[] fields, String id) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (id != null) {
            p.put("id", id);
        }
        if (a.option("store") != null) {
            p.put("store", a.option("store"));
        }
        for (String f : fields) {
            if (a.option(f) != null) {
                p.put(f, a.option(f));
            }
        }
        return p;
    }

    private int printUpid(Object upid) {
        if (upid != null) {
            out.println(upid);
        }
        return 0;
    }

    private int print(ParsedArgs a, Object data, List<Column> columns) {
        out.print(OutputFormat.of(a, env).format(data, columns, OutputFormat.table(env)));
        return 0;
    }

    private static String seg(String s) {
        return PbsHttpClient.segment(s);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
