package org.pbsj.client.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.client.http.PbsHttpClient;

/**
 * {@code pbs-manager notification endpoint smtp list|create|update|remove|test}, as
 * {@code proxmox-backup-manager notification endpoint smtp} has them: the SMTP targets of job
 * notifications ({@code /config/notifications/endpoints/smtp}). The password is write-only; it is
 * read from the terminal when a username is given without one.
 */
final class ManagerNotificationCommands {
    private static final String BASE = "/config/notifications/endpoints/smtp";

    private final ManagerUserCommands.Api api;
    private final Terminal terminal;
    private final Map<String, String> env;
    private final PrintStream out;

    ManagerNotificationCommands(ManagerUserCommands.Api api, Terminal terminal, Map<String, String> env, PrintStream out) {
        this.api = api;
        this.terminal = terminal;
        this.env = env;
        this.out = out;
    }

    /** The {@code endpoint} group of the {@code notification} group. */
    Command endpoints() {
        return Command.group("endpoint", "Notification endpoints (targets).",
                Command.group("smtp", "SMTP endpoints.",
                        ManagerMain.withOutput(Command.leaf("list", "List the SMTP endpoints.")).action(this::list),
                        options(Command.leaf("create", "Add an SMTP endpoint.")
                                .arg("name", "Endpoint name."))
                                .action(this::create),
                        options(Command.leaf("update", "Change an SMTP endpoint.")
                                .arg("name", "Endpoint name.")
                                .option("delete", "list", "Properties to remove: port,mode,username,password,"
                                        + "mailto,mailto-user,author,comment,disable."))
                                .action(this::update),
                        Command.leaf("remove", "Remove an SMTP endpoint.")
                                .arg("name", "Endpoint name.")
                                .action(this::remove),
                        Command.leaf("test", "Send a test notification through the endpoint.")
                                .arg("name", "Endpoint name.")
                                .action(this::test)));
    }

    private static Command.Builder options(Command.Builder b) {
        return b.option("server", "host", "Host name or IP address of the SMTP relay.")
                .option("port", "port", "Port (default by mode: insecure 25, starttls 587, tls 465).")
                .option("mode", "mode", "insecure, starttls or tls (default tls).")
                .option("username", "user", "SMTP user name (no authentication without).")
                .option("password", "password", "SMTP password (default: read from the terminal if --username is given).")
                .option("mailto", "list", "Recipient addresses, comma-separated.")
                .option("mailto-user", "list", "Users whose e-mail address receives the mails, comma-separated.")
                .option("from-address", "address", "Sender address.")
                .option("author", "name", "Sender display name.")
                .option("comment", "text", "Comment.")
                .option("disable", "boolean", "Disable the endpoint.");
    }

    private int list(ParsedArgs a) {
        out.print(OutputFormat.of(a, env).format(api.call("GET", BASE, Map.of()), List.of(Column.of("name"),
                Column.of("server"), Column.of("port"), Column.of("mode"), Column.of("from-address"),
                Column.of("mailto"), Column.of("mailto-user"), Column.of("disable"), Column.of("comment")),
                OutputFormat.table(env)));
        return 0;
    }

    private int create(ParsedArgs a) {
        if (a.option("server") == null || a.option("from-address") == null) {
            throw new UsageException("notification endpoint smtp create needs --server and --from-address");
        }
        Map<String, Object> p = values(a);
        p.put("name", a.arg("name"));
        if (p.get("username") != null && p.get("password") == null) {
            p.put("password", terminal.password("SMTP password: ",
                    "no password given and no terminal to ask for one (use --password)"));
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

    private int remove(ParsedArgs a) {
        api.call("DELETE", BASE + "/" + PbsHttpClient.segment(a.arg("name")), Map.of());
        return 0;
    }

    private int test(ParsedArgs a) {
        api.call("POST", "/config/notifications/targets/" + PbsHttpClient.segment(a.arg("name")) + "/test", Map.of());
        return 0;
    }

    private static Map<String, Object> values(ParsedArgs a) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String key : List.of("server", "mode", "username", "password", "from-address", "author", "comment")) {
            p.put(key, a.option(key));
        }
        for (String key : List.of("mailto", "mailto-user")) {
            if (a.option(key) != null) {
                p.put(key, List.of(a.option(key).split("[,;\\s]+")));
            }
        }
        p.put("port", a.longOption("port"));
        p.put("disable", a.boolOption("disable"));
        return p;
    }
}
