package org.pbsj.client.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.pbsj.client.http.PbsHttpClient;

/**
 * {@code pbs-manager user update|delete|passwd|list-tokens|generate-token|delete-token|permissions},
 * as {@code proxmox-backup-manager user ...} has them. The manager authenticates with a token,
 * which may not use {@code PUT /access/password}, so {@code passwd} updates the user instead.
 */
final class ManagerUserCommands {
    /** One API call of the manager (with its error explanations). */
    interface Api {
        Object call(String method, String path, Map<String, ?> params);
    }

    private final Api api;
    private final Terminal terminal;
    private final Map<String, String> env;
    private final PrintStream out;

    ManagerUserCommands(Api api, Terminal terminal, Map<String, String> env, PrintStream out) {
        this.api = api;
        this.terminal = terminal;
        this.env = env;
        this.out = out;
    }

    /** The subcommands to add to the {@code user} group. */
    List<Command> commands() {
        return List.of(
                Command.leaf("update", "Update a user's properties.")
                        .arg("userid", "User id, <name>@<realm>.")
                        .option("comment", "text", "Comment (empty: remove).")
                        .option("email", "address", "E-mail address (empty: remove).")
                        .option("enable", "boolean", "Enable or disable the account.")
                        .option("expire", "epoch", "Account expiration date (seconds since epoch, 0 = never).")
                        .option("firstname", "name", "First name (empty: remove).")
                        .option("lastname", "name", "Last name (empty: remove).")
                        .option("password", "password", "New password (pbs realm).")
                        .option("delete", "list", "Properties to remove: comment,firstname,lastname,email.")
                        .action(this::update),
                Command.leaf("delete", "Delete a user with its API tokens, ACL entries and second factors.")
                        .arg("userid", "User id, <name>@<realm>.")
                        .action(this::delete),
                Command.leaf("passwd", "Set a user's password (pbs realm); asked twice on the terminal unless given.")
                        .arg("userid", "User id, <name>@<realm>.")
                        .option("password", "password", "The new password (default: read from the terminal).")
                        .action(this::passwd),
                ManagerMain.withOutput(Command.leaf("list-tokens", "List a user's API tokens."))
                        .arg("userid", "User id, <name>@<realm>.")
                        .action(this::listTokens),
                ManagerMain.withOutput(Command.leaf("generate-token",
                        "Generate an API token; its secret is shown only this once."))
                        .arg("userid", "User id, <name>@<realm>.")
                        .arg("token-name", "Token name.")
                        .option("comment", "text", "Comment.")
                        .option("enable", "boolean", "Enable the token (default true).")
                        .option("expire", "epoch", "Expiration date (seconds since epoch, 0 = never).")
                        .action(this::generateToken),
                Command.leaf("delete-token", "Delete an API token.")
                        .arg("userid", "User id, <name>@<realm>.")
                        .arg("token-name", "Token name.")
                        .action(this::deleteToken),
                ManagerMain.withOutput(Command.leaf("permissions",
                        "Show the privileges of a user or API token, per ACL path."))
                        .arg("auth-id", "User or API token id.")
                        .option("path", "path", "Only this ACL path.")
                        .action(this::permissions));
    }

    private static String user(ParsedArgs a) {
        return "/access/users/" + PbsHttpClient.segment(a.arg("userid"));
    }

    private int update(ParsedArgs a) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String key : List.of("comment", "email", "firstname", "lastname", "password")) {
            p.put(key, a.option(key));
        }
        p.put("enable", a.boolOption("enable"));
        p.put("expire", a.longOption("expire"));
        if (a.option("delete") != null) {
            p.put("delete", List.of(a.option("delete").split("[,;\\s]+")));
        }
        api.call("PUT", user(a), p);
        return 0;
    }

    private int delete(ParsedArgs a) {
        api.call("DELETE", user(a), Map.of());
        return 0;
    }

    private int passwd(ParsedArgs a) {
        String password = a.option("password");
        if (password == null) {
            password = terminal.newPassword("New Password: ", "no password given and no terminal to ask for one (use --password)");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("password", password);
        api.call("PUT", user(a), p);
        return 0;
    }

    private int listTokens(ParsedArgs a) {
        print(a, api.call("GET", user(a) + "/token", Map.of()), List.of(Column.of("tokenid"), Column.of("enable"),
                Column.of("expire").rendered(Column::expire), Column.of("comment")));
        return 0;
    }

    private int generateToken(ParsedArgs a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("comment", a.option("comment"));
        p.put("enable", a.boolOption("enable"));
        p.put("expire", a.longOption("expire"));
        Object data = api.call("POST", user(a) + "/token/" + PbsHttpClient.segment(a.arg("token-name")), p);
        OutputFormat f = OutputFormat.of(a, env);
        if (f == OutputFormat.TEXT && data instanceof Map<?, ?> m) {
            out.println("Result: " + org.pbsj.core.json.Json.prettyInOrder(data));
            out.println("The secret ('value') is shown only once: store it now.");
            return m.isEmpty() ? 1 : 0;
        }
        out.print(f.format(data, List.of()));
        return 0;
    }

    private int deleteToken(ParsedArgs a) {
        api.call("DELETE", user(a) + "/token/" + PbsHttpClient.segment(a.arg("token-name")), Map.of());
        return 0;
    }

    private int permissions(ParsedArgs a) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("auth-id", a.arg("auth-id"));
        q.put("path", a.option("path"));
        Object data = api.call("GET", "/access/permissions", q);
        OutputFormat f = OutputFormat.of(a, env);
        if (f == OutputFormat.TEXT && data instanceof Map<?, ?> m) {
            out.print(permissionText(m));
        } else {
            out.print(f.format(data, List.of()));
        }
        return 0;
    }

    /** proxmox-backup-manager's text form: one block per path, '(*)' for propagated privileges. */
    static String permissionText(Map<?, ?> byPath) {
        StringBuilder sb = new StringBuilder("Privileges with (*) have the propagate flag set\n");
        for (Map.Entry<String, Object> e : new TreeMap<String, Object>(cast(byPath)).entrySet()) {
            sb.append("\nPath: ").append(e.getKey()).append('\n');
            List<String> names = new ArrayList<>(cast((Map<?, ?>) e.getValue()).keySet());
            names.sort(null);
            for (String name : names) {
                boolean propagate = Boolean.TRUE.equals(((Map<?, ?>) e.getValue()).get(name));
                sb.append("- ").append(name).append(propagate ? " (*)" : "").append('\n');
            }
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private void print(ParsedArgs a, Object data, List<Column> columns) {
        out.print(OutputFormat.of(a, env).format(data, columns, OutputFormat.table(env)));
    }
}
