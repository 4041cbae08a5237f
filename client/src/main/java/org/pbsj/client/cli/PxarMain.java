package org.pbsj.client.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.pxar.PxarFormat;

/**
 * {@code pxar}: create, extract and list pxar archives in local files, with the command line of
 * PBS's {@code pxar} tool ({@code mount} needs FUSE and is not offered).
 *
 * <p>Exit codes: 0 success, 1 error ({@code Error: ...} on stderr; damaged archives name the file
 * and offset), 2 usage error. Warnings (unreadable files, metadata that could not be restored) go
 * to stderr and do not change the exit code, unless {@code extract --strict}.
 */
public final class PxarMain {
    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    Path workDir = Path.of(System.getProperty("user.dir"));
    /** Standard input for archive "-". */
    InputStream stdin = System.in;

    public PxarMain(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int rc = new PxarMain(System.getenv(), out, err).run(args);
        out.flush();
        System.exit(rc);
    }

    public int run(String[] args) {
        if (args.length > 0 && args[0].equals("mount")) {
            err.println("Error: 'pxar mount' needs FUSE, which pbsj does not provide; use 'pxar list' to see the "
                    + "contents and 'pxar extract ARCHIVE TARGET --pattern PATTERN' to restore parts of them.");
            return CommandLine.ERROR;
        }
        int rc = new CommandLine("pxar", commands()).run(expandShortOptions(args), out, err);
        out.flush();
        return rc;
    }

    /** {@code -v} is {@code --verbose} (as in PBS); the shared parser knows long options only. */
    private static String[] expandShortOptions(String[] args) {
        List<String> out = new ArrayList<>();
        boolean positional = false;
        for (String a : args) {
            positional |= a.equals("--");
            out.add(!positional && a.equals("-v") ? "--verbose" : a);
        }
        return out.toArray(String[]::new);
    }

    Command commands() {
        PxarCommands cmds = new PxarCommands(this);
        PxarListing listing = new PxarListing(this);
        return Command.group("pxar", "Create, extract and list pxar archives (the Proxmox file archive format).",
                PxarCommands.withFeatureFlags(Command.leaf("create", "Create a new .pxar archive of a directory."))
                        .arg("archive", "Archive file to create (must not exist).")
                        .arg("source", "Source directory.")
                        .repeatableOption("exclude", "pattern", "Exclude matching paths (gitignore-like match "
                                + "pattern; '!' re-includes; repeatable). Stored as .pxarexclude-cli.")
                        .flag("all-file-systems", "Include the contents of mounted file systems.")
                        .option("entries-max", "n", "Maximum number of entries held in memory at once (default "
                                + PxarCommands.ENTRIES_MAX_DEFAULT + ").")
                        .option("payload-output", "file", "Write a split archive (format version 2): file "
                                + "contents go to this payload file, metadata to <archive>.")
                        .action(cmds::create),
                PxarCommands.withFeatureFlags(Command.leaf("extract", "Extract an archive."))
                        .arg("archive", "Archive file (- = standard input).")
                        .optionalArg("target", "Target directory (default: the current directory).")
                        .repeatableOption("pattern", "pattern", "Restore only matching paths (match pattern; "
                                + "'!' excludes; repeatable).")
                        .option("files-from", "file", "File with match patterns for the paths to restore, one "
                                + "per line.")
                        .flag("allow-existing-dirs", "Allow directories to exist already.")
                        .flag("overwrite", "Replace existing files, symlinks and hardlinks.")
                        .flag("strict", "Stop at the first error or warning (exit code 1).")
                        .option("payload-input", "file", "Payload file of a split archive.")
                        .action(cmds::extract),
                ManagerMain.withOutput(Command.leaf("list", "List the contents of an archive."))
                        .arg("archive", "Archive file (- = standard input).")
                        .flag("verbose", "Long listing: mode, owner, mtime, size (also -v).")
                        .option("payload-input", "file", "Payload file of a split archive (shows payload offsets).")
                        .action(listing::list));
    }

    // ------------------------------------------------------------------ shared plumbing

    Path path(String p) {
        return workDir.resolve(p);
    }

    /** Opens an archive (or stdin for "-"), buffered, with friendly errors. */
    InputStream openArchive(String name) {
        if (name.equals("-")) {
            return new BufferedInputStream(stdin, 1 << 20);
        }
        try {
            return new BufferedInputStream(Files.newInputStream(path(name)), 1 << 20);
        } catch (IOException e) {
            throw ioError(name, e);
        }
    }

    /** Reads whether the archive starts with FORMAT_VERSION, i.e. is the metadata part of a split archive. */
    static boolean isSplitMetadata(InputStream in) throws IOException {
        in.mark(16);
        byte[] head = in.readNBytes(8);
        in.reset();
        long type = 0;
        for (int i = head.length - 1; i >= 0; i--) {
            type = type << 8 | (head[i] & 0xff);
        }
        return head.length == 8 && type == PxarFormat.FORMAT_VERSION;
    }

    /** An I/O failure as a one-line error naming the file. */
    static ClientException ioError(String file, IOException e) {
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "already exists";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else {
            what = e.getMessage();
        }
        return new ClientException(file + ": " + what, e);
    }

    void warn(String path, String message) {
        err.println("warning: " + path + ": " + message);
    }
}
