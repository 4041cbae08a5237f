package org.pbsj.client.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.client.http.PbsHttpClient;

/**
 * The sync commands of {@code proxmox-backup-manager}: {@code sync-job list|show|create|update|
 * remove|run} over {@code /config/sync} and {@code /admin/sync}, and the one-off {@code pull}
 * and {@code push} ({@code POST /pull}, PBS 3.3 {@code POST /push}). Starting a sync prints its
 * task id; follow it with {@code pbs-manager task log UPID}.
 */
final class ManagerSyncCommands {
    /** Job options besides {@code store} and the repeatable {@code group-filter}. */
    private static final String[] FIELDS = {"remote", "remote-store", "ns", "remote-ns", "owner", "sync-direction",
            "remove-vanished", "max-depth", "transfer-last", "rate-in", "burst-in", "rate-out", "burst-out", "comment",
            "schedule"};
    /** Options of the one-off pull and push. */
    private static final String[] ONE_OFF = {"ns", "remote-ns", "remove-vanished", "max-depth", "transfer-last",
            "rate-in", "burst-in", "rate-out", "burst-out"};

    private final ManagerTaskCommands.Api api;
    private final Map<String, String> env;
    private final PrintStream out;

    ManagerSyncCommands(ManagerTaskCommands.Api api, Map<String, String> env, PrintStream out) {
        this.api = api;
        this.env = env;
        this.out = out;
    }

    Command[] jobs() {
        Command.Builder create = Command.leaf("create", "Create a sync job (pull by default, --sync-direction push).")
                .arg("id", "Job id.").option("store", "name", "Local datastore (required): target of a pull, source of a push.");
        Command.Builder update = Command.leaf("update", "Change a sync job.").arg("id", "Job id.")
                .option("store", "name", "Local datastore.")
                .option("delete", "properties", "Comma-separated properties to reset, e.g. 'schedule,group-filter'.");
        for (String f : FIELDS) {
            create = create.option(f, "value", describe(f));
            update = update.option(f, "value", describe(f));
        }
        create = create.repeatableOption("group-filter", "filter", describe("group-filter"));
        update = update.repeatableOption("group-filter", "filter", describe("group-filter"));
        return new Command[] {
                ManagerMain.withOutput(Command.leaf("list", "List the sync jobs and their last and next runs."))
                        .option("sync-direction", "direction", "Jobs of this direction (default: all).", "pull", "push", "all")
                        .action(a -> print(a, api.request("GET", "/admin/sync", Map.of("sync-direction",
                                a.option("sync-direction", "all"))).data(), List.of(Column.of("id"), Column.of("store"),
                                Column.of("remote"), Column.of("remote-store"), Column.of("sync-direction"),
                                Column.of("schedule"), Column.of("last-run-state"), Column.of("next-run")))),
                ManagerMain.withOutput(Command.leaf("show", "Show a sync job's configuration.")).arg("id", "Job id.")
                        .action(a -> print(a, api.request("GET", "/config/sync/" + seg(a.arg("id")), Map.of()).data(), List.of())),
                create.action(a -> {
                    if (a.option("store") == null || a.option("remote-store") == null) {
                        throw new UsageException("--store and --remote-store are required");
                    }
                    Map<String, Object> p = params(a, FIELDS);
                    p.put("id", a.arg("id"));
                    api.request("POST", "/config/sync", p);
                    return 0;
                }),
                update.action(a -> {
                    Map<String, Object> p = params(a, FIELDS);
                    if (a.option("delete") != null) {
                        p.put("delete", List.of(a.option("delete").split(",")));
                    }
                    api.request("PUT", "/config/sync/" + seg(a.arg("id")), p);
                    return 0;
                }),
                Command.leaf("remove", "Remove a sync job.").arg("id", "Job id.")
                        .action(a -> {
                            api.request("DELETE", "/config/sync/" + seg(a.arg("id")), Map.of());
                            return 0;
                        }),
                Command.leaf("run", "Run a sync job now; prints the task id.").arg("id", "Job id.")
                        .action(a -> printUpid(api.request("POST", "/admin/sync/" + seg(a.arg("id")) + "/run", Map.of()).data()))};
    }

    /** {@code pull <remote> <remote-store> <store>}: a one-off pull into a local datastore. */
    Command pull() {
        Command.Builder b = Command.leaf("pull", "Pull a remote datastore into a local one now; prints the task id.")
                .arg("remote", "Remote name.").arg("remote-store", "Datastore on the remote.")
                .arg("store", "Local target datastore.");
        return oneOff(b).action(a -> {
            Map<String, Object> p = params(a, ONE_OFF);
            p.put("remote", a.arg("remote"));
            p.put("remote-store", a.arg("remote-store"));
            p.put("store", a.arg("store"));
            return printUpid(api.request("POST", "/pull", p).data());
        });
    }

    /** {@code push <store> <remote> <remote-store>}: a one-off push of a local datastore (PBS 3.3). */
    Command push() {
        Command.Builder b = Command.leaf("push", "Push a local datastore to a remote one now; prints the task id.")
                .arg("store", "Local source datastore.").arg("remote", "Remote name.")
                .arg("remote-store", "Datastore on the remote.");
        return oneOff(b).action(a -> {
            Map<String, Object> p = params(a, ONE_OFF);
            p.put("store", a.arg("store"));
            p.put("remote", a.arg("remote"));
            p.put("remote-store", a.arg("remote-store"));
            return printUpid(api.request("POST", "/push", p).data());
        });
    }

    private static Command.Builder oneOff(Command.Builder b) {
        for (String f : ONE_OFF) {
            b = b.option(f, "value", describe(f));
        }
        return b.repeatableOption("group-filter", "filter", describe("group-filter"));
    }

    private static String describe(String field) {
        return switch (field) {
            case "remote" -> "Remote name (none: a local datastore as the pull source).";
            case "remote-store" -> "Datastore on the remote (required).";
            case "ns" -> "Local namespace (a/b).";
            case "remote-ns" -> "Namespace on the remote (a/b).";
            case "owner" -> "Local owner of pulled groups, the local user of a push (default root@pam).";
            case "sync-direction" -> "pull (default) or push.";
            case "remove-vanished" -> "Remove what is gone on the source (true/false).";
            case "max-depth" -> "How many namespace levels below the anchors.";
            case "transfer-last" -> "Only the newest N snapshots of each group.";
            case "rate-in", "burst-in", "rate-out", "burst-out" -> "Rate limit, e.g. 10MiB (" + field + ").";
            case "group-filter" -> "type:<vm|ct|host>, group:<type>/<id> or regex:<re>, optionally with include:/exclude:;"
                    + " repeat for several.";
            case "schedule" -> "Calendar event, e.g. 'hourly'.";
            default -> "Comment.";
        };
    }

    private static Map<String, Object> params(ParsedArgs a, String[] fields) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (a.has("store") && a.option("store") != null) {
            p.put("store", a.option("store"));
        }
        for (String f : fields) {
            if (a.option(f) != null) {
                p.put(f, a.option(f));
            }
        }
        if (!a.list("group-filter").isEmpty()) {
            p.put("group-filter", a.list("group-filter"));
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
}
