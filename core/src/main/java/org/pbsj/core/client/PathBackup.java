package org.pbsj.core.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.pxar.fs.ArchiverOptions;

/**
 * A backup of paths of this machine into a datastore opened in this process: the server's
 * backup job. It is {@code pbs-client backup} with a local repository (same pipeline, same
 * session rules: group lock, owner check, snapshot visible only after finish), logging into a
 * {@link JobLog} and stopping when {@code aborted} says so.
 */
public final class PathBackup {
    /** Change detection modes, as {@code --change-detection-mode}. */
    public static final List<String> CHANGE_DETECTION_MODES = List.of("legacy", "data", "metadata");

    /** What to back up: {@code specs} as {@code root.pxar:/srv}, into {@code dir}, owned by {@code owner}. */
    public record Plan(BackupDir dir, String owner, List<BackupSpec> specs, List<String> excludes,
            String changeDetectionMode) {
        public Plan {
            specs = List.copyOf(specs);
            excludes = excludes == null ? List.of() : List.copyOf(excludes);
            changeDetectionMode = changeDetectionMode == null ? "legacy" : changeDetectionMode;
        }
    }

    private PathBackup() {
    }

    /** Parses and checks a job's source list: non-empty, unique archive names. */
    public static List<BackupSpec> parseSources(List<String> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("no backup source given (expected <label>.pxar|img|conf|log:<path>)");
        }
        List<BackupSpec> specs = sources.stream().map(BackupSpec::parse).toList();
        Set<String> names = new HashSet<>();
        for (BackupSpec s : specs) {
            if (!s.path().isAbsolute()) {
                throw new IllegalArgumentException("backup source path '" + s.path() + "' is not absolute");
            }
            if (!names.add(s.serverName())) {
                throw new IllegalArgumentException("duplicate archive name '" + s.archiveName() + "'");
            }
        }
        return specs;
    }

    public static BackupJob.Result run(Datastore store, Plan plan, Clock clock, JobLog log, BooleanSupplier aborted)
            throws Exception {
        if (!CHANGE_DETECTION_MODES.contains(plan.changeDetectionMode())) {
            throw new IllegalArgumentException("unknown change detection mode '" + plan.changeDetectionMode() + "'");
        }
        for (BackupSpec s : plan.specs()) {
            boolean ok = s.type() == BackupSpec.Type.PXAR ? Files.isDirectory(s.path()) : Files.exists(s.path());
            if (!ok) {
                throw new IllegalArgumentException("backup source '" + s.path() + "' of " + s.archiveName()
                        + (s.type() == BackupSpec.Type.PXAR ? " is not a directory" : " does not exist"));
            }
        }
        try (PrintStream out = new PrintStream(new LineSink(log::info), true, StandardCharsets.UTF_8)) {
            String mode = plan.changeDetectionMode();
            PxarBackup directories = new PxarBackup(ArchiverOptions.DEFAULTS, !mode.equals("legacy"), plan.excludes(), out);
            if (mode.equals("metadata")) {
                directories.reusingUnchangedFiles(d -> LocalRestoreSource.open(store, d));
            }
            out.println("Starting backup: " + plan.dir());
            BackupJob.Result result;
            try (BackupTarget target = new AbortableBackupTarget(
                    LocalBackupTarget.start(store, plan.dir(), plan.owner(), clock), aborted)) {
                result = BackupJob.run(target, new BackupJob.Options(plan.specs(), CryptSetup.NONE, directories,
                        ChunkPipeline.defaultThreads(), ChunkPipeline.DEFAULT_IN_FLIGHT), Progress.silent(), out);
            }
            if (!directories.warnings().isEmpty()) {
                log.warn(directories.warnings().size() + " files could not be backed up (see the warnings above)");
            }
            out.println(String.format(java.util.Locale.ROOT, "Duration: %.2fs", result.seconds()));
            return result;
        }
    }

    /** Turns written text into lines for a {@link JobLog}. */
    private static final class LineSink extends OutputStream {
        private final Consumer<String> lines;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineSink(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(buf[i]);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            lines.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
