package org.pbsj.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.client.http.ApiException;
import org.pbsj.client.http.ApiResponse;
import org.pbsj.client.http.Auth;
import org.pbsj.client.http.CertificateProbe;
import org.pbsj.core.client.ClientException;
import org.pbsj.client.http.FingerprintPrompt;
import org.pbsj.client.http.FingerprintTrustManager;
import org.pbsj.client.http.PbsHttpClient;

/**
 * {@code pbs-manager}: administration of the server on this host, like
 * {@code proxmox-backup-manager}. It needs no login: the running server writes a superuser API
 * token to {@code $PBSJ_HOME/data/pbsj-etc/manager.token} (mode 0600), so whoever may read the
 * server's files may administer it, as root may with PBS.
 *
 * <p>Server certificate: pbs-manager only ever connects to {@code localhost}. It trusts the
 * certificate of its first TLS handshake and pins it for the rest of the process (trust on first
 * use). That is sound here because the peer is a local port and the secret it sends is a token
 * only the local server can have issued; it keeps the manager free of the server's key store
 * and its password.
 */
public final class ManagerMain {
    static final String HOST = "localhost";
    static final int DEFAULT_PORT = 8007;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;
    private PbsHttpClient client;

    public ManagerMain(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, out, err, Terminal.system());
    }

    ManagerMain(Map<String, String> env, PrintStream out, PrintStream err, Terminal terminal) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(new ManagerMain(System.getenv(), System.out, System.err).run(args));
    }

    public int run(String[] args) {
        return new CommandLine("pbs-manager", commands()).run(args, out, err);
    }

    Command commands() {
        return Command.group("pbs-manager", "Administration of the pbsj backup server on this host.",
                Command.group("cert", "Server certificate.",
                        withOutput(Command.leaf("info", "Show the server certificate and its SHA-256 fingerprint "
                                + "(TLS handshake only, no authentication)."))
                                .option("port", "port", "HTTPS port of the server (default: $PBSJ_PORT or 8007).")
                                .action(this::certInfo)),
                Command.group("datastore", "Datastore configuration.",
                        withOutput(Command.leaf("list", "List the datastores.")).action(this::datastoreList),
                        withOutput(Command.leaf("show", "Show a datastore's configuration."))
                                .arg("name", "Datastore name.").action(this::datastoreShow),
                        Command.leaf("create", "Create a datastore.")
                                .arg("name", "Datastore name.")
                                .arg("path", "Directory of the datastore.")
                                .option("comment", "text", "Comment.")
                                .action(this::datastoreCreate)),
                Command.group("user", "User management.", userCommands()),
                Command.group("remote", "Remote servers for sync jobs.", new ManagerRemoteCommands(this::call, terminal, env, out).commands()),
                Command.group("notification", "Notifications when jobs end.",
                        new ManagerNotificationCommands(this::call, terminal, env, out).endpoints()),
                Command.group("task", "Server tasks (worker logs).",
                        new ManagerTaskCommands(this::request, env, out).commands()),
                Command.group("garbage-collection", "Garbage collection of datastores.",
                        new ManagerJobCommands(this::request, env, out).garbageCollection()),
                Command.group("verify-job", "Verification jobs.",
                        new ManagerJobCommands(this::request, env, out).jobs("verify")),
                Command.group("prune-job", "Prune jobs.",
                        new ManagerJobCommands(this::request, env, out).jobs("prune")),
                Command.group("backup-job", "Server-side backup jobs (paths of this server into a datastore).",
                        new ManagerJobCommands(this::request, env, out).jobs("backup-job")),
                Command.group("sync-job", "Sync jobs (pull from or push to a remote).",
                        new ManagerSyncCommands(this::request, env, out).jobs()),
                new ManagerSyncCommands(this::request, env, out).pull(),
                new ManagerSyncCommands(this::request, env, out).push(),
                Command.group("acl", "Access control lists.",
                        new ManagerAclCommands(this::request, env, out).commands()),
                withOutput(Command.leaf("versions", "Show the server version.")).action(this::versions));
    }

    private Command[] userCommands() {
        List<Command> all = new java.util.ArrayList<>();
        all.add(withOutput(Command.leaf("list", "List the users.")).action(this::userList));
        all.add(Command.leaf("create", "Create a user.")
                .arg("userid", "User id, <name>@<realm>.")
                .option("password", "password", "Password (pbs realm, 5 to 64 characters).")
                .option("comment", "text", "Comment.")
                .option("email", "address", "E-mail address.")
                .option("enable", "boolean", "Enable the account (default true).")
                .option("expire", "epoch", "Account expiration date (seconds since epoch, 0 = never).")
                .option("firstname", "name", "First name.")
                .option("lastname", "name", "Last name.")
                .action(this::userCreate));
        all.addAll(new ManagerUserCommands(this::call, terminal, env, out).commands());
        return all.toArray(new Command[0]);
    }

    static Command.Builder withOutput(Command.Builder b) {
        return b.option(OutputFormat.OPTION, "format", "Output format.", OutputFormat.NAMES);
    }

    // ------------------------------------------------------------------ commands

    private int certInfo(ParsedArgs a) {
        int port = a.option("port") != null ? parsePort(a.option("port")) : serverPort();
        X509Certificate cert = CertificateProbe.fetch(HOST, port);
        CertificateText info = new CertificateText(cert);
        OutputFormat f = OutputFormat.of(a, env);
        out.print(f == OutputFormat.TEXT ? info.text() : f.format(info.json(), List.of()));
        return 0;
    }

    private int datastoreList(ParsedArgs a) {
        print(a, get("/config/datastore", Map.of()), List.of(Column.of("name"), Column.of("path"), Column.of("comment")));
        return 0;
    }

    private int datastoreShow(ParsedArgs a) {
        print(a, get("/config/datastore/" + PbsHttpClient.segment(a.arg("name")), Map.of()), List.of());
        return 0;
    }

    private int datastoreCreate(ParsedArgs a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", a.arg("name"));
        p.put("path", a.arg("path"));
        p.put("comment", a.option("comment"));
        printTask(post("/config/datastore", p));
        return 0;
    }

    private int userList(ParsedArgs a) {
        print(a, get("/access/users", Map.of()), List.of(Column.of("userid"), Column.of("enable"),
                Column.of("expire").rendered(Column::expire), Column.of("firstname"), Column.of("lastname"),
                Column.of("email"), Column.of("comment")));
        return 0;
    }

    private int userCreate(ParsedArgs a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userid", a.arg("userid"));
        for (String key : List.of("password", "comment", "email", "firstname", "lastname")) {
            p.put(key, a.option(key));
        }
        p.put("enable", a.boolOption("enable"));
        p.put("expire", a.longOption("expire"));
        printTask(post("/access/users", p));
        return 0;
    }

    private int versions(ParsedArgs a) {
        Object data = get("/version", Map.of());
        OutputFormat f = OutputFormat.of(a, env);
        if (f == OutputFormat.TEXT && data instanceof Map<?, ?> m) {
            // the line proxmox-backup-manager prints for its main package
            out.println("proxmox-backup-server " + m.get("version") + "-" + m.get("release")
                    + " running version: " + m.get("version") + " (" + m.get("repoid") + ")");
        } else {
            out.print(f.format(data, List.of()));
        }
        return 0;
    }

    // ------------------------------------------------------------------ plumbing

    private void print(ParsedArgs a, Object data, List<Column> columns) {
        out.print(OutputFormat.of(a, env).format(data, columns, OutputFormat.table(env)));
    }

    /** PBS answers create calls with a task id; ours may answer null. */
    private void printTask(Object result) {
        if (result instanceof String upid) {
            out.println(upid);
        }
    }

    private PbsHttpClient client() {
        if (client == null) {
            Auth.ApiToken token = readToken(managerTokenFile());
            FingerprintTrustManager tm = new FingerprintTrustManager(HOST, null, FingerprintTrustManager.systemDefault(),
                    FingerprintPrompt.acceptFirst(), null);
            client = new PbsHttpClient(HOST, serverPort(), tm.sslContext(), token);
        }
        return client;
    }

    private Object get(String path, Map<String, ?> query) {
        try {
            return client().get(path, query);
        } catch (ApiException e) {
            throw explain401(e);
        }
    }

    private ApiResponse request(String method, String path, Map<String, ?> params) {
        try {
            return client().request(method, path, params);
        } catch (ApiException e) {
            throw explain401(e);
        }
    }

    /** Any method, with the manager's explanation of a 401. */
    private Object call(String method, String path, Map<String, ?> params) {
        try {
            return client().request(method, path, params).data();
        } catch (ApiException e) {
            throw explain401(e);
        }
    }

    private Object post(String path, Map<String, ?> params) {
        try {
            return client().post(path, params);
        } catch (ApiException e) {
            throw explain401(e);
        }
    }

    /** The token is renewed at every server start; a 401 means it belongs to another server instance. */
    private ApiException explain401(ApiException e) {
        if (!e.isUnauthorized()) {
            return e;
        }
        return new ApiException(e.status(), "the server rejected the manager token (" + e.getMessage()
                + "); is PBSJ_HOME the one of the running server, and is it the server on port " + serverPort() + "?");
    }

    int serverPort() {
        String p = env.get("PBSJ_PORT");
        return p == null || p.isBlank() ? DEFAULT_PORT : parsePort(p);
    }

    private static int parsePort(String s) {
        try {
            int port = Integer.parseInt(s.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("invalid port '" + s + "'");
    }

    /**
     * {@code $PBSJ_HOME/data/pbsj-etc/manager.token}; PBSJ_HOME defaults to {@code <repo>/run},
     * the repository root coming from {@code -Dpbsj.root} set by {@code bin/pbs-java}.
     */
    Path managerTokenFile() {
        String home = env.get("PBSJ_HOME");
        if (home == null || home.isBlank()) {
            String root = System.getProperty("pbsj.root");
            if (root == null) {
                throw new ClientException("PBSJ_HOME is not set (and no -Dpbsj.root to derive it from)");
            }
            home = Path.of(root, "run").toString();
        }
        return Path.of(home, "data", "pbsj-etc", "manager.token");
    }

    static Auth.ApiToken readToken(Path file) {
        String line;
        try {
            line = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ClientException("cannot read the manager token " + file
                    + ": no such file (the server writes it when it starts; is it running, is PBSJ_HOME right?)");
        } catch (AccessDeniedException e) {
            throw new ClientException("cannot read the manager token " + file
                    + ": permission denied (run pbs-manager as the user that runs the server)");
        } catch (IOException e) {
            throw new ClientException("cannot read the manager token " + file + ": " + e.getMessage(), e);
        }
        try {
            return Auth.ApiToken.parse(line);
        } catch (IllegalArgumentException e) {
            throw new ClientException("malformed manager token file " + file + ": " + e.getMessage());
        }
    }
}
