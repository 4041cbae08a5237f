package org.pbsj.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.core.client.ClientException;
import org.pbsj.client.http.SecretSource;
import org.pbsj.core.blob.ChunkDigest;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.KeyConfig;
import org.pbsj.core.crypto.KeyConfigCodec;
import org.pbsj.core.crypto.KeyWrapper;

/**
 * {@code pbs-debug}: offline tools on a datastore's files, like {@code proxmox-backup-debug}.
 * Needs no server: it reads chunk, index and blob files directly and never writes into the
 * datastore (and takes no lock in it), so it is safe next to a running server.
 *
 * <p>Damaged input is a result, not a crash: format errors end in exit code 1 with
 * {@code Error: <file> at offset <n>: ...}.
 */
public final class DebugMain {
    private final Map<String, String> env;
    private final Terminal terminal;
    final PrintStream out;
    final PrintStream err;
    Path workDir = Path.of(System.getProperty("user.dir"));

    public DebugMain(Map<String, String> env, Terminal terminal, PrintStream out, PrintStream err) {
        this.env = env;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new DebugMain(System.getenv(), Terminal.system(), System.out, System.err).run(args));
    }

    public int run(String[] args) {
        int rc = new CommandLine("pbs-debug", commands()).run(args, out, err);
        out.flush();
        return rc;
    }

    Command commands() {
        InspectCommands inspect = new InspectCommands(this);
        RecoverCommand recover = new RecoverCommand(this);
        DiffCommand diff = new DiffCommand(this);
        return Command.group("pbs-debug", "Inspect and recover backup data without the server.",
                Command.group("inspect", "Inspect chunk, index and blob files.",
                        withKey(ManagerMain.withOutput(Command.leaf("chunk",
                                "Show a chunk's format, sizes, CRC and digest check.")))
                                .arg("chunk", "Chunk file, or a 64-hex-digit digest with --chunk-dir.")
                                .option("chunk-dir", "dir", "Datastore or its .chunks directory to find a digest in.")
                                .option("decode", "file|-", "Write the decoded content to this file (- = stdout).")
                                .action(inspect::chunk),
                        withKey(ManagerMain.withOutput(Command.leaf("file",
                                "Show an index (.fidx/.didx) with its chunk list, or a blob (index.json.blob: the manifest).")))
                                .arg("file", "Index or blob file.")
                                .option("decode", "file|-", "Write a blob's decoded content to this file (- = stdout).")
                                .action(inspect::file)),
                Command.group("recover", "Reassemble data from the chunk store.",
                        withKey(ManagerMain.withOutput(Command.leaf("index",
                                "Rebuild the archive or image of an index from a .chunks directory.")))
                                .arg("index", "The .fidx or .didx file.")
                                .arg("chunks", "Datastore or its .chunks directory.")
                                .option("output", "file|-", "Output file (default: the index name without "
                                        + ".fidx/.didx, in the current directory; - = stdout).")
                                .flag("skip-crc", "Do not check chunk CRCs (the digest is still checked).")
                                .flag("ignore-missing-chunks", "Fill missing chunks with zeros and report them.")
                                .flag("ignore-corrupt-chunks", "Fill chunks that fail to decode with zeros and report them.")
                                .action(recover::run)),
                Command.group("diff", "Compare backups.",
                        withKey(ManagerMain.withOutput(Command.leaf("archive",
                                "List files added, removed and changed between two snapshots of a pxar archive.")))
                                .arg("snapshot-a", "First snapshot, e.g. host/elsa/2024-01-01T00:00:00Z.")
                                .arg("snapshot-b", "Second snapshot.")
                                .arg("archive", "Archive name, e.g. root.pxar (.didx optional).")
                                .option("repository", "path", "Local datastore directory.")
                                .option("ns", "namespace", "Namespace of the snapshots (default: root).")
                                .flag("compare-content", "Also compare file contents when metadata is equal.")
                                .action(diff::run)));
    }

    private static Command.Builder withKey(Command.Builder b) {
        return b.option("keyfile", "file", "Encryption key file (password from PBS_ENCRYPTION_PASSWORD or the terminal).");
    }

    // ------------------------------------------------------------------ shared plumbing

    OutputFormat format(ParsedArgs a) {
        return OutputFormat.of(a, env);
    }

    void print(ParsedArgs a, PrintStream stream, Object data, List<Column> columns) {
        stream.print(format(a).format(data, columns, OutputFormat.table(env)));
    }

    Path path(String p) {
        return workDir.resolve(p);
    }

    /** The key of {@code --keyfile}, unlocked with the environment's or the terminal's password. */
    Optional<CryptConfig> key(ParsedArgs a) {
        String file = a.option("keyfile");
        if (file == null) {
            return Optional.empty();
        }
        Path p = path(file);
        KeyConfig config = KeyConfigCodec.parse(new String(readSmall(p), StandardCharsets.UTF_8), p.toString());
        byte[] pw = null;
        if (config.isPasswordProtected()) {
            String pass = new SecretSource(env).get(SecretSource.PBS_ENCRYPTION_PASSWORD).orElseGet(() ->
                    terminal.password("Encryption Key Password: ",
                            "no passphrase for the key (set PBS_ENCRYPTION_PASSWORD or run on a terminal)"));
            pw = pass.getBytes(StandardCharsets.UTF_8);
        }
        return Optional.of(KeyWrapper.unwrap(config, pw).cryptConfig());
    }

    /** Reads a file that is small by nature (key, blob, chunk: at most ~128 MiB). */
    static byte[] readSmall(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new ClientException(p + ": no such file");
        } catch (IOException e) {
            throw new ClientException(p + ": " + e.getMessage(), e);
        }
    }

    /** {@code DIR/.chunks} if DIR is a datastore, else DIR itself. */
    static Path chunkDir(Path dir) {
        Path inner = dir.resolve(".chunks");
        Path result = Files.isDirectory(inner) ? inner : dir;
        if (!Files.isDirectory(result)) {
            throw new ClientException(dir + ": not a directory");
        }
        return result;
    }

    static Path chunkPath(Path chunkDir, byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        return chunkDir.resolve(hex.substring(0, 4)).resolve(hex);
    }

    /** A digest given on the command line; a usage error if it is not 64 hex digits. */
    static byte[] hexDigest(String s) {
        try {
            return ChunkDigest.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String hex(byte[] b) {
        return b == null ? null : HexFormat.of().formatHex(b);
    }
}
