package org.pbsj.client.cli;

import org.pbsj.core.client.ClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.client.LocalRepository;
import org.pbsj.core.client.Progress;
import org.pbsj.core.client.SnapshotCatalog;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupTime;
import org.pbsj.core.manifest.BackupManifest;

/** {@code list}, {@code snapshot ...} and {@code status} on a local datastore. */
final class SnapshotCommands {
    private final Map<String, String> env;
    private final Clock clock;
    private final PrintStream out;

    SnapshotCommands(Map<String, String> env, Clock clock, PrintStream out) {
        this.env = env;
        this.clock = clock;
        this.out = out;
    }

    private static Command.Builder leaf(String name, String description) {
        return ManagerMain.withOutput(LocalRepositoryOption.withNamespace(
                LocalRepositoryOption.withRepository(Command.leaf(name, description))));
    }

    Command list() {
        return leaf("list", "List backup groups.").action(this::listGroups);
    }

    Command status() {
        return ManagerMain.withOutput(LocalRepositoryOption.withRepository(
                Command.leaf("status", "Show the datastore's disk usage."))).action(this::status);
    }

    Command snapshot() {
        return Command.group("snapshot", "Snapshots.",
                leaf("list", "List snapshots (of one group).").optionalArg("group", "Group (host/elsa).")
                        .action(this::listSnapshots),
                leaf("files", "List the files of a snapshot.").arg("snapshot", "Snapshot.").action(this::files),
                leaf("forget", "Remove a snapshot.").arg("snapshot", "Snapshot.").action(this::forget),
                Command.group("notes", "Snapshot notes.",
                        leaf("show", "Show the notes.").arg("snapshot", "Snapshot.").action(this::notesShow),
                        leaf("update", "Replace the notes.").arg("snapshot", "Snapshot.").arg("notes", "New notes.")
                                .action(this::notesUpdate)),
                Command.group("protected", "Protection against removal by prune and forget.",
                        leaf("show", "Show whether the snapshot is protected.").arg("snapshot", "Snapshot.")
                                .action(this::protectedShow),
                        leaf("update", "Protect or unprotect.").arg("snapshot", "Snapshot.")
                                .arg("protected", "true or false.").action(this::protectedUpdate)));
    }

    private LocalRepository open(ParsedArgs a) {
        return LocalRepositoryOption.open(a, env, clock);
    }

    private int listGroups(ParsedArgs a) {
        try (LocalRepository repo = open(a)) {
            List<Map<String, Object>> groups = new SnapshotCatalog(repo.datastore()).groups(LocalRepositoryOption.namespace(a));
            groups.forEach(g -> g.put("group", g.get("backup-type") + "/" + g.get("backup-id")));
            print(a, groups, List.of(Column.of("group"), Column.of("last-backup", "last snapshot").rendered(SnapshotCommands::time),
                    Column.of("backup-count"), Column.of("files").rendered(SnapshotCommands::fileList)));
        }
        return 0;
    }

    private int listSnapshots(ParsedArgs a) {
        try (LocalRepository repo = open(a)) {
            BackupGroup g = a.arg("group") == null ? null : LocalRepositoryOption.group(a, a.arg("group"));
            List<Map<String, Object>> snaps = new SnapshotCatalog(repo.datastore())
                    .snapshots(LocalRepositoryOption.namespace(a), g);
            snaps.forEach(s -> s.put("snapshot", s.get("backup-type") + "/" + s.get("backup-id") + "/"
                    + BackupTime.format((Long) s.get("backup-time"))));
            print(a, snaps, List.of(Column.of("snapshot"), Column.of("size").rendered(SnapshotCommands::bytes),
                    Column.of("files").rendered(SnapshotCommands::fileList)));
        }
        return 0;
    }

    private int files(ParsedArgs a) {
        try (LocalRepository repo = open(a)) {
            BackupDir d = LocalRepositoryOption.snapshot(a, a.arg("snapshot"));
            SnapshotCatalog c = new SnapshotCatalog(repo.datastore());
            Object files = c.snapshot(d).get("files");
            print(a, files, List.of(Column.of("filename"), Column.of("crypt-mode"),
                    Column.of("size").rendered(SnapshotCommands::bytes)));
        }
        return 0;
    }

    private int forget(ParsedArgs a) {
        try (LocalRepository repo = open(a)) {
            BackupDir d = LocalRepositoryOption.snapshot(a, a.arg("snapshot"));
            if (!Files.isDirectory(repo.datastore().snapshotPath(d))) {
                throw new org.pbsj.core.client.ClientException("snapshot " + d + " does not exist");
            }
            repo.datastore().removeSnapshot(d, false);
        }
        return 0;
    }

    private int notesShow(ParsedArgs a) {
        try (LocalRepository repo = open(a)) {
            BackupDir d = LocalRepositoryOption.snapshot(a, a.arg("snapshot"));
            Object notes = new SnapshotCatalog(repo.datastore()).requireManifest(d).unprotected().get(BackupManifest.NOTES);
            String text = notes == null ? "" : notes.toString();
            OutputFormat f = OutputFormat.of(a, env);
            out.print(f == OutputFormat.TEXT ? (text.isEmpty() ? "" : text + "\n") : f.format(text, List.of()));
        }
        return 0;
    }

    private int notesUpdate(ParsedArgs a) {
        try (LocalRepository repo = open(a)) {
            BackupDir d = LocalRepositoryOption.snapshot(a, a.arg("snapshot"));
            new SnapshotCatalog(repo.datastore()).updateUnprotected(d, u -> u.put(BackupManifest.NOTES, a.arg("notes")));
        }
        return 0;
    }

    private int protectedShow(ParsedArgs a) {
        try (LocalRepository repo = open(a)) {
            BackupDir d = LocalRepositoryOption.snapshot(a, a.arg("snapshot"));
            new SnapshotCatalog(repo.datastore()).requireManifest(d);
            boolean p = repo.datastore().isProtected(d);
            OutputFormat f = OutputFormat.of(a, env);
            out.print(f == OutputFormat.TEXT ? p + "\n" : f.format(p, List.of()));
        }
        return 0;
    }

    private int protectedUpdate(ParsedArgs a) {
        boolean value = switch (a.arg("protected").toLowerCase(java.util.Locale.ROOT)) {
            case "1", "on", "yes", "true" -> true;
            case "0", "off", "no", "false" -> false;
            default -> throw new UsageException("protected must be true or false, not '" + a.arg("protected") + "'");
        };
        try (LocalRepository repo = open(a)) {
            BackupDir d = LocalRepositoryOption.snapshot(a, a.arg("snapshot"));
            new SnapshotCatalog(repo.datastore()).requireManifest(d);
            repo.datastore().setProtected(d, value);
        }
        return 0;
    }

    private int status(ParsedArgs a) throws IOException {
        try (LocalRepository repo = open(a)) {
            FileStore fs = Files.getFileStore(repo.datastore().basePath());
            long total = fs.getTotalSpace();
            long avail = fs.getUsableSpace();
            long used = total - fs.getUnallocatedSpace();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", total);
            m.put("used", used);
            m.put("avail", avail);
            OutputFormat f = OutputFormat.of(a, env);
            if (f == OutputFormat.TEXT) {
                out.printf(java.util.Locale.ROOT, "total: %s, used: %s (%.2f%%), available: %s%n", Progress.formatBytes(total),
                        Progress.formatBytes(used), total == 0 ? 0.0 : 100.0 * used / total, Progress.formatBytes(avail));
            } else {
                out.print(f.format(m, List.of()));
            }
        }
        return 0;
    }

    private void print(ParsedArgs a, Object data, List<Column> columns) {
        out.print(OutputFormat.of(a, env).format(data, columns, OutputFormat.table(env)));
    }

    private static String time(Object v) {
        return v instanceof Number n ? BackupTime.format(n.longValue()) : Column.plain(v);
    }

    private static String bytes(Object v) {
        return v instanceof Number n ? Progress.formatBytes(n.longValue()) : Column.plain(v);
    }

    /** {@code catalog.pcat1 index.json root.pxar}: display names, as PBS's list renders them. */
    private static String fileList(Object v) {
        if (!(v instanceof List<?> l)) {
            return Column.plain(v);
        }
        return String.join(" ", l.stream().map(f -> {
            String name = f instanceof Map<?, ?> m ? String.valueOf(m.get("filename")) : String.valueOf(f);
            return org.pbsj.core.manifest.ArchiveNames.displayName(name);
        }).sorted().toList());
    }
}
