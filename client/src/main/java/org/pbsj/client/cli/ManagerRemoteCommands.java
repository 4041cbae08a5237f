package org.pbsj.client.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.client.http.PbsHttpClient;

/**
 * {@code pbs-manager remote list|create|update|delete}, as {@code proxmox-backup-manager remote}
 * has them: remote servers that sync jobs pull from ({@code /config/remote}). The password (a
 * user's password or an API token secret) is write-only; it is read from the terminal when not given.
 */
final class ManagerRemoteCommands {
    private static final String BASE = "/config/remote";

    private final ManagerUserCommands.Api api;
    private final Terminal terminal;
    private final Map<String, String> env;
    private final PrintStream out;

    ManagerRemoteCommands(ManagerUserCommands.Api api, Terminal terminal, Map<String, String> env, PrintStream out) {
        this.api = api;
        this.terminal = terminal;
        this.env = env;
        this.out = out;
    }

    /** The subcommands of the {@code remote} group. */
    Command[] commands() {
        return new Command[] {
            ManagerMain.withOutput(Command.leaf("list", "List the remotes.")).action(this::list),
            options(Command.leaf("create", "Add a remote.")
                    .arg("name", "Remote name.")
                    .option("host", "host", "DNS name or IP address of the remote server.")
                    .option("auth-id", "authid", "User (user@realm) or API token (user@realm!name) to log in with."))
                    .action(this::create),
            options(Command.leaf("update", "Change a remote's properties.")
                    .arg("name", "Remote name.")
                    .option("host", "host", "DNS name or IP address of the remote server.")
                    .option("auth-id", "authid", "User or API token to log in with.")
                    .option("delete", "list", "Properties to remove: port,fingerprint,comment."))
                    .action(this::update),
            Command.leaf("delete", "Remove a remote (not while a sync job uses it).")
                    .arg("name", "Remote name.")
                    .action(this::delete),
        };
    }

    private static Command.Builder options(Command.Builder b) {
        return b.option("port", "port", "HTTPS port of the remote (default 8007).")
                .option("password", "password", "Password or API token secret (default: read from the terminal).")
                .option("fingerprint", "fingerprint", "SHA-256 fingerprint of the remote's certificate (xx:xx:...).")
                .option("comment", "text", "Comment.");
    }

    private int list(ParsedArgs a) {
        out.print(OutputFormat.of(a, env).format(api.call("GET", BASE, Map.of()), List.of(Column.of("name"),
                Column.of("host"), Column.of("port"), Column.of("auth-id"), Column.of("fingerprint"),
                Column.of("comment")), OutputFormat.table(env)));
        return 0;
    }

    private int create(ParsedArgs a) {
        if (a.option("host") == null || a.option("auth-id") == null) {
            throw new UsageException("remote create needs --host and --auth-id");
        }
        Map<String, Object> p = values(a);
        p.put("name", a.arg("name"));
        if (p.get("password") == null) {
            p.put("password", terminal.password("Password: ", "no password given and no terminal to ask for one (use --password)"));
        }
        api.call("POST", BASE, p);
        return 0;
    }

    private int update(ParsedArgs a) {
        Map<String, Object> p = values(a);
        if (a.option("delete") != null) {
            p.put("delete", List.of(a.option("delete").split("[,;\\s]+")));
        }
        api.call("PUT", BASE + "/" + PbsHttpClient.segment(a.arg("name")), p);
        return 0;
    }

    private int delete(ParsedArgs a) {
        api.call("DELETE", BASE + "/" + PbsHttpClient.segment(a.arg("name")), Map.of());
        return 0;
    }

    private static Map<String, Object> values(ParsedArgs a) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String key : List.of("host", "auth-id", "password", "fingerprint", "comment")) {
            p.put(key, a.option(key));
        }
        p.put("port", a.longOption("port"));
        return p;
    }
}
