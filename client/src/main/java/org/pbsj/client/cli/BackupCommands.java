package org.pbsj.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pbsj.core.client.ArchiveStats;
import org.pbsj.core.client.BackupJob;
import org.pbsj.core.client.BackupSpec;
import org.pbsj.core.client.ChunkPipeline;
import org.pbsj.core.client.CryptSetup;
import org.pbsj.core.client.BackupRepository;
import org.pbsj.core.client.BackupTarget;
import org.pbsj.core.client.LocalRepository;
import org.pbsj.core.client.Progress;
import org.pbsj.core.client.PxarBackup;
import org.pbsj.core.client.Restorer;
import org.pbsj.client.http.ClientDirs;
import org.pbsj.core.client.ClientException;
import org.pbsj.client.http.SecretSource;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupTime;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.catalog.CatalogEntryType;
import org.pbsj.core.catalog.CatalogReader;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.pxar.fs.ArchiverOptions;

/** {@code pbs-client backup} and {@code restore}. */
final class BackupCommands {
    static final String[] CRYPT_MODES = {"none", "encrypt", "sign-only"};
    static final String[] CHANGE_DETECTION = {"legacy", "data", "metadata"};

    private final Map<String, String> env;
    private final ClientDirs dirs;
    private final Terminal terminal;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private java.io.InputStream in = System.in;

    BackupCommands(Map<String, String> env, ClientDirs dirs, Terminal terminal, Clock clock, PrintStream out,
            PrintStream err) {
        this.env = env;
        this.dirs = dirs;
        this.terminal = terminal;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Where {@code catalog shell} reads its commands (default: stdin). */
    BackupCommands withInput(java.io.InputStream input) {
        this.in = input;
        return this;
    }

    Command backup() {
        return withCrypt(ManagerMain.withOutput(LocalRepositoryOption.withNamespace(LocalRepositoryOption.withRepository(
                Command.leaf("backup", "Create a backup: <label>.pxar:<dir>, <label>.img:<file|device>, "
                        + "<label>.conf:<file>, <label>.log:<file>.")))))
                .variadicArg("backupspec", "What to back up, e.g. root.pxar:/ or disk.img:/dev/sda.", true)
                .option("backup-type", "type", "Backup type (default host).", "host", "vm", "ct")
                .option("backup-id", "id", "Backup id (default: the host name).")
                .option("backup-time", "epoch", "Backup time in seconds since the epoch (default: now).")
                .option("master-pubkey-file", "file", "RSA master public key (default: "
                        + dirs.defaultMasterPublicKey() + " if it exists).")
                .option("change-detection-mode", "mode", "How unchanged files are found (default legacy).",
                        CHANGE_DETECTION)
                .repeatableOption("exclude", "pattern", "Exclude files matching the pattern (repeatable).")
                .repeatableOption("include-dev", "path", "Include the file system mounted at path (repeatable).")
                .action(this::runBackup);
    }

    Command restore() {
        return withCrypt(LocalRepositoryOption.withNamespace(LocalRepositoryOption.withRepository(
                Command.leaf("restore", "Restore an archive of a snapshot (group: the last snapshot) to a file, "
                        + "device or directory; '-' writes a blob or image to stdout."))))
                .arg("snapshot", "Snapshot (host/elsa/2024-01-01T00:00:00Z) or group (host/elsa).")
                .arg("archive-name", "Archive (root.pxar, drive.img, qemu.conf, index.json).")
                .arg("target", "Target file, device or directory, or '-'.")
                .repeatableOption("pattern", "pattern", "Restore only matching paths (directory archives).")
                .flag("allow-existing-dirs", "Restore into an existing directory.")
                .action(this::runRestore);
    }

    private static Command.Builder withCrypt(Command.Builder b) {
        return b.option("keyfile", "file", "Encryption key file (default: the default key, if it exists).")
                .option("crypt-mode", "mode", "Crypt mode (default: encrypt with a key, else none).", CRYPT_MODES);
    }

    // ------------------------------------------------------------------ backup

    private int runBackup(ParsedArgs a) throws Exception {
        OutputFormat format = OutputFormat.of(a, env);
        List<BackupSpec> specs = a.list("backupspec").stream().map(BackupSpec::parse).toList();
        checkUnique(specs);
        String mode = a.option("change-detection-mode", "legacy");
        ArchiverOptions archiverOptions = ArchiverOptions.DEFAULTS;
        if (!a.list("include-dev").isEmpty()) {
            // the archiver can only enter all or no other file systems below the source
            err.println("note: --include-dev includes every file system mounted below the source directories");
            archiverOptions = archiverOptions.withCrossMounts(true);
        }
        PxarBackup directories = new PxarBackup(archiverOptions, !mode.equals("legacy"), a.list("exclude"), err);
        BackupType type = BackupType.parse(a.option("backup-type", "host"));
        String id = a.option("backup-id", hostname());
        Long time = a.longOption("backup-time");
        long epoch = time != null ? time : clock.instant().getEpochSecond();
        CryptSetup crypt = cryptSetup(a, true);
        try (BackupRepository repo = LocalRepositoryOption.openAny(a, env, clock, dirs, terminal)) {
            if (mode.equals("metadata")) {
                directories.reusingUnchangedFiles(repo::openSnapshot);
            }
            BackupDir dir = new BackupDir(new BackupGroup(LocalRepositoryOption.namespace(a), type, id), epoch);
            err.println("Starting backup: " + dir);
            err.println("Client name: " + hostname());
            err.println("Starting backup protocol: " + BackupTime.format(clock.instant().getEpochSecond()));
            BackupJob.Result result;
            try (Progress progress = progress(); BackupTarget target = repo.startBackup(dir)) {
                // Ctrl-C: closing the unfinished session removes the snapshot
                Thread hook = new Thread(target::close, "pbs-backup-abort");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    result = BackupJob.run(target, new BackupJob.Options(specs, crypt, directories,
                            ChunkPipeline.defaultThreads(), ChunkPipeline.DEFAULT_IN_FLIGHT), progress, err);
                } finally {
                    removeHook(hook);
                }
            }
            if (!directories.warnings().isEmpty()) {
                err.println(directories.warnings().size() + " files could not be backed up (see the warnings above)");
            }
            err.println(String.format(Locale.ROOT, "Duration: %.2fs", result.seconds()));
            err.println("End Time: " + BackupTime.format(clock.instant().getEpochSecond()));
            if (format != OutputFormat.TEXT) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("snapshot", result.snapshot().toString());
                m.put("archives", result.archives().stream().map(ArchiveStats::toJson).toList());
                m.put("duration", Math.round(result.seconds() * 1000) / 1000.0);
                out.print(format.format(m, List.of()));
            }
        }
        return 0;
    }

    private static void checkUnique(List<BackupSpec> specs) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (BackupSpec s : specs) {
            if (!seen.add(s.serverName())) {
                throw new UsageException("duplicate archive name '" + s.archiveName() + "'");
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (closing twice is harmless)
        }
    }

    // ------------------------------------------------------------------ restore

    private int runRestore(ParsedArgs a) throws IOException {
        CryptSetup crypt = cryptSetup(a, false);
        String targetText = a.arg("target");
        try (BackupRepository repo = LocalRepositoryOption.openAny(a, env, clock, dirs, terminal)) {
            BackupDir dir = LocalRepositoryOption.snapshotOrLatest(a, a.arg("snapshot"), repo);
            String name = Restorer.serverName(a.arg("archive-name"));
            try (Progress progress = targetText.equals("-") ? Progress.silent() : progress();
                    Restorer r = new Restorer(repo.openSnapshot(dir), crypt.cryptConfig(),
                            ChunkPipeline.defaultThreads(), progress)) {
                if (name.matches(".*\\.[mp]?pxar\\.didx") && !targetText.equals("-")) {
                    long n = r.extractDirectory(name, Path.of(targetText), a.list("pattern"),
                            a.flag("allow-existing-dirs"), (path, msg) -> err.println("warning: " + path + ": " + msg));
                    err.println("restored " + n + " entries to " + targetText);
                } else {
                    r.restoreFile(name, targetText.equals("-") ? null : Path.of(targetText), out);
                }
            }
        }
        return 0;
    }

    Command catalog() {
        return Command.group("catalog", "The file catalog of a snapshot.",
                withCrypt(LocalRepositoryOption.withNamespace(LocalRepositoryOption.withRepository(
                        Command.leaf("dump", "List every file of the snapshot's directory archives."))))
                        .arg("snapshot", "Snapshot (host/elsa/2024-01-01T00:00:00Z) or group.")
                        .action(this::catalogDump),
                withCrypt(LocalRepositoryOption.withNamespace(LocalRepositoryOption.withRepository(
                        Command.leaf("shell", "Interactive shell over a directory archive of the snapshot: ls, cd, "
                                + "find, stat, select, restore-selected ... ('help' lists them); reads stdin."))))
                        .arg("snapshot", "Snapshot (host/elsa/2024-01-01T00:00:00Z) or group.")
                        .optionalArg("archive-name", "Directory archive (default: the first, e.g. root.pxar).")
                        .action(this::catalogShell));
    }

    private int catalogShell(ParsedArgs a) throws IOException {
        CryptSetup crypt = cryptSetup(a, false);
        try (BackupRepository repo = LocalRepositoryOption.openAny(a, env, clock, dirs, terminal)) {
            BackupDir dir = LocalRepositoryOption.snapshotOrLatest(a, a.arg("snapshot"), repo);
            try (Restorer r = new Restorer(repo.openSnapshot(dir), crypt.cryptConfig(), ChunkPipeline.defaultThreads(),
                    Progress.silent())) {
                String archive = a.arg("archive-name") != null ? a.arg("archive-name") : r.manifest().files().stream()
                        .map(f -> f.filename()).filter(n -> n.endsWith(".pxar.didx") || n.endsWith(".mpxar.didx"))
                        .findFirst().map(n -> n.replaceFirst("\\.m?pxar\\.didx$", ".pxar"))
                        .orElseThrow(() -> new ClientException("snapshot " + dir + " has no directory archive"));
                java.io.BufferedReader reader = new java.io.BufferedReader(
                        new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                boolean interactive = terminal.isInteractive();
                int failed = new CatalogShell(r.openAccessor(archive), r, archive, reader, out, err, interactive).run();
                return failed > 0 && !interactive ? 1 : 0;
            }
        }
    }

    private int catalogDump(ParsedArgs a) throws IOException {
        CryptSetup crypt = cryptSetup(a, false);
        try (BackupRepository repo = LocalRepositoryOption.openAny(a, env, clock, dirs, terminal)) {
            BackupDir dir = LocalRepositoryOption.snapshotOrLatest(a, a.arg("snapshot"), repo);
            try (Restorer r = new Restorer(repo.openSnapshot(dir), crypt.cryptConfig(), ChunkPipeline.defaultThreads(),
                    Progress.silent())) {
                if (r.fileInfo(ArchiveNames.CATALOG_NAME).isEmpty()) {
                    throw new ClientException("snapshot " + dir + " has no catalog (no v1 directory archive)");
                }
                byte[] data;
                try (java.io.InputStream in = r.openArchive(ArchiveNames.CATALOG_NAME)) {
                    data = in.readAllBytes(); // random access needs it whole; catalogs are ~100 bytes per file
                }
                CatalogReader reader = CatalogReader.open(data, ArchiveNames.CATALOG_NAME);
                reader.walk("/", (path, e) -> {
                    StringBuilder line = new StringBuilder().append(e.type().letter()).append(" \"").append('.')
                            .append(path).append('"');
                    if (e.type() == CatalogEntryType.FILE) {
                        line.append(' ').append(e.size()).append(' ').append(BackupTime.format(Math.max(0, e.mtime())));
                    }
                    out.println(line);
                    return true;
                });
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    private CryptSetup cryptSetup(ParsedArgs a, boolean forBackup) {
        String keyFile = a.option("keyfile");
        Path master = a.option("master-pubkey-file") != null ? Path.of(a.option("master-pubkey-file"))
                : forBackup ? dirs.defaultMasterPublicKey() : null;
        return CryptSetup.resolve(keyFile == null ? null : Path.of(keyFile), a.option("crypt-mode"),
                dirs.defaultEncryptionKey(), master, this::passphrase);
    }

    private String passphrase() {
        return new SecretSource(env).get(SecretSource.PBS_ENCRYPTION_PASSWORD).orElseGet(() -> terminal.password(
                "Encryption Key Password: ", "no passphrase for the key (set PBS_ENCRYPTION_PASSWORD or run on a terminal)"));
    }

    private Progress progress() {
        return terminal.isInteractive() ? Progress.onTerminal(err) : Progress.silent();
    }

    /** The short host name, as PBS's default backup id. */
    static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
