package org.pbsj.client.backup;

import org.pbsj.core.client.*;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.pbsj.client.cli.ClientMain;
import org.pbsj.client.cli.Terminal;
import org.pbsj.client.http.ClientDirs;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.ManifestCodec;

/**
 * A temp datastore (only {@code .chunks}: prefix directories are made on demand) and
 * {@code pbs-client} run in-process against it with a private home directory.
 */
final class CliFixture {
    final Path dir;
    final Path store;
    final ClientDirs dirs;
    final Map<String, String> env = new HashMap<>();
    /** What {@code catalog shell} reads. */
    java.io.InputStream stdin = java.io.InputStream.nullInputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CliFixture(Path dir) {
        this.dir = dir;
        this.store = dir.resolve("store");
        try {
            Files.createDirectories(store.resolve(".chunks"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dirs = ClientDirs.fromEnvironment(Map.of(), dir.resolve("home"));
        env.put("PBS_REPOSITORY", store.toString());
    }

    /** Runs pbs-client; returns the exit code (stdout/stderr in {@link #out()}/{@link #err()}). */
    int run(String... args) {
        out.reset();
        err.reset();
        Terminal none = new Terminal() {
            @Override
            public boolean isInteractive() {
                return false;
            }

            @Override
            public char[] readPassword(String prompt) {
                return null;
            }
        };
        return new ClientMain(env, dirs, none, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).withInput(stdin).run(args);
    }

    /** Runs and fails with the output when the exit code is not 0. */
    String ok(String... args) {
        int rc = run(args);
        if (rc != 0) {
            throw new AssertionError("pbs-client " + String.join(" ", args) + " failed (" + rc + "):\n" + err() + out());
        }
        return out();
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    long chunkFiles() throws IOException {
        try (Stream<Path> s = Files.walk(store.resolve(".chunks"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    Path snapshotDir(String snapshot) {
        return store.resolve(BackupDir.parse(snapshot).path());
    }

    BackupManifest manifest(String snapshot) throws IOException {
        Path p = snapshotDir(snapshot).resolve("index.json.blob");
        return ManifestCodec.parse(DataBlobCodec.decode(DataBlobCodec.read(p), null, null));
    }

    /** Allocated 512-byte blocks of a file ({@code st_blocks}). */
    static long allocatedBlocks(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (p.waitFor() != 0) {
            throw new IOException("stat failed: " + s);
        }
        return Long.parseLong(s);
    }
}
