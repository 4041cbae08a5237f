package org.pbsj.client.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pbs-manager acl list|update}, as {@code proxmox-backup-manager acl ...}, over
 * {@code /access/acl} ({@code rest-api.md} §4.2).
 */
final class ManagerAclCommands {
    private final ManagerTaskCommands.Api api;
    private final Map<String, String> env;
    private final PrintStream out;

    ManagerAclCommands(ManagerTaskCommands.Api api, Map<String, String> env, PrintStream out) {
        this.api = api;
        this.env = env;
        this.out = out;
    }

    Command[] commands() {
        return new Command[] {
                ManagerMain.withOutput(Command.leaf("list", "List the access control entries."))
                        .option("path", "path", "Only entries of this ACL path.")
                        .flag("exact", "Only the path itself, not the paths below it.")
                        .action(this::list),
                Command.leaf("update", "Grant a role on a path to a user or token, or remove it (--delete).")
                        .arg("path", "ACL path, e.g. /datastore/store1.")
                        .arg("role", "Role, e.g. DatastoreBackup (see 'acl roles').")
                        .option("auth-id", "authid", "User (name@realm) or token (name@realm!token).")
                        .option("propagate", "boolean", "Also apply below the path (default true).")
                        .flag("delete", "Remove the entry instead of adding it.")
                        .action(this::update),
                ManagerMain.withOutput(Command.leaf("roles", "List the roles and their privileges."))
                        .action(this::roles)};
    }

    private int list(ParsedArgs a) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("path", a.option("path"));
        if (a.flag("exact")) {
            q.put("exact", true);
        }
        Object data = api.request("GET", "/access/acl", q).data();
        out.print(OutputFormat.of(a, env).format(data, List.of(Column.of("ugid"), Column.of("path"),
                Column.of("roleid"), Column.of("propagate")), OutputFormat.table(env)));
        return 0;
    }

    private int update(ParsedArgs a) {
        if (a.option("auth-id") == null) {
            throw new UsageException("--auth-id is required");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("path", a.arg("path"));
        p.put("role", a.arg("role"));
        p.put("auth-id", a.option("auth-id"));
        p.put("propagate", a.boolOption("propagate"));
        if (a.flag("delete")) {
            p.put("delete", true);
        }
        api.request("PUT", "/access/acl", p);
        return 0;
    }

    private int roles(ParsedArgs a) {
        Object data = api.request("GET", "/access/roles", Map.of()).data();
        out.print(OutputFormat.of(a, env).format(data, List.of(Column.of("roleid"), Column.of("privs"),
                Column.of("comment")), OutputFormat.table(env)));
        return 0;
    }
}
