package org.pbsj.client.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.client.http.ClientDirs;
import org.pbsj.core.client.ClientException;
import org.pbsj.client.http.Repository;

/**
 * {@code pbs-client}: the command line of {@code proxmox-backup-client}. Only commands that work
 * are offered; the data commands (backup, restore, list, snapshot, status) work on a local
 * datastore path until the remote backup protocol is there.
 */
public final class ClientMain {
    /** The PBS release whose client this implements. */
    public static final String VERSION = "3.2.4";
    public static final String RELEASE = "1";

    private final Map<String, String> env;
    private final ClientDirs dirs;
    private final Terminal terminal;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private java.io.InputStream in = System.in;

    public ClientMain(Map<String, String> env, ClientDirs dirs, Terminal terminal, Clock clock,
            PrintStream out, PrintStream err) {
        this.env = env;
        this.dirs = dirs;
        this.terminal = terminal;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        ClientMain main = new ClientMain(System.getenv(), ClientDirs.fromEnvironment(), Terminal.system(),
                Clock.systemDefaultZone(), System.out, System.err);
        System.exit(main.run(args));
    }

    /** Input of interactive commands ({@code catalog shell}); default stdin. */
    public ClientMain withInput(java.io.InputStream input) {
        this.in = input;
        return this;
    }

    public int run(String[] args) {
        return new CommandLine("pbs-client", commands()).run(args, out, err);
    }

    Command commands() {
        KeyCommands keys = new KeyCommands(env, dirs, terminal, clock, out, err);
        BackupCommands backups = new BackupCommands(env, dirs, terminal, clock, out, err).withInput(in);
        SnapshotCommands snapshots = new SnapshotCommands(env, clock, out);
        return Command.group("pbs-client", "Command line client of the (pbsj) Proxmox Backup Server.",
                withRepository(ManagerMain.withOutput(Command.leaf("version",
                        "Show the client version, and the server version when a repository is given.")))
                        .action(this::version),
                withRepository(Command.leaf("login",
                        "Log in and keep the ticket for the following commands (valid 2 hours)."))
                        .action(this::login),
                withRepository(Command.leaf("logout", "Forget the stored ticket.")).action(this::logout),
                keys.commands(),
                backups.backup(),
                backups.restore(),
                backups.catalog(),
                snapshots.list(),
                snapshots.snapshot(),
                snapshots.status(),
                new BenchmarkCommand(env, out).command());
    }

    static Command.Builder withRepository(Command.Builder b) {
        return b.option("repository", "repository",
                "Repository [[user@realm[!token]@]host[:port]:]datastore (default: $PBS_REPOSITORY).");
    }

    /** The repository of {@code --repository} or {@code PBS_REPOSITORY}; null if neither is set. */
    Repository repository(ParsedArgs a) {
        String text = a.option("repository");
        if (text == null) {
            text = env.get("PBS_REPOSITORY");
        }
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Repository.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private Repository requireRepository(ParsedArgs a) {
        Repository repo = repository(a);
        if (repo == null) {
            throw new UsageException("no repository given (use --repository or set PBS_REPOSITORY)");
        }
        return repo;
    }

    private ClientSession session(Repository repo) {
        return new ClientSession(repo, env, dirs, terminal, clock);
    }

    private int version(ParsedArgs a) {
        OutputFormat f = OutputFormat.of(a, env);
        Map<String, Object> info = new LinkedHashMap<>();
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("version", VERSION);
        client.put("release", RELEASE);
        client.put("repoid", repoid());
        info.put("client", client);
        Repository repo = repository(a);
        ClientException serverError = null;
        if (repo != null) {
            try {
                info.put("server", session(repo).call(c -> c.get("/version")));
            } catch (ClientException e) {
                serverError = e; // like PBS: still show the client version
            }
        }
        if (f == OutputFormat.TEXT) {
            out.println("client version: " + VERSION + "." + RELEASE);
            if (info.get("server") instanceof Map<?, ?> s) {
                out.println("server version: " + s.get("version") + "." + s.get("release"));
            }
        } else {
            out.print(f.format(info, List.of()));
        }
        if (serverError != null) {
            throw new ClientException("could not connect to server - " + serverError.getMessage(), serverError);
        }
        return 0;
    }

    private int login(ParsedArgs a) {
        ClientSession s = session(requireRepository(a));
        if (s.repository().isApiToken()) {
            // tokens have no ticket; check that the secret works
            s.call(c -> c.get("/version"));
            return 0;
        }
        s.login();
        return 0;
    }

    private int logout(ParsedArgs a) {
        ClientSession s = session(requireRepository(a));
        s.tickets().remove(s.repository().host(), s.repository().user());
        return 0;
    }

    static String repoid() {
        String impl = ClientMain.class.getPackage().getImplementationVersion();
        return "pbsj-" + (impl == null ? "dev" : impl);
    }
}
