package org.pbsj.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.pbsj.core.client.Restorer;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarAccessor;

/**
 * {@code catalog shell}: PBS's interactive browser over one directory archive of a snapshot.
 * Navigation and {@code stat} read the archive's metadata by random access (the {@code .mpxar} of a
 * split archive, the {@code .pxar} of a v1 one); restores go through {@link Restorer}. Commands
 * come line by line from the input; the prompt is shown only on a terminal.
 */
final class CatalogShell {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String HELP = """
            ls [PATH]                   list a directory
            cd [DIR]                    change the working directory (default /)
            pwd                         print the working directory
            find PATTERN [--select]     entries below the working directory matching a glob (a
                                        pattern with '/' matches the path from the root, else the name)
            stat PATH                   size, mode, owner and mtime of an entry
            select PATH                 add an entry (a directory: its subtree) to the selection
            deselect PATH               remove it again
            clear-selected              empty the selection
            list-selected               show the selection
            restore-selected TARGET     restore the selected entries below TARGET
            restore TARGET [--pattern P]  restore the archive (or the entries matching P) below TARGET
            help                        this text
            exit, quit                  leave the shell""";

    private final PxarAccessor pxar;
    private final Restorer restorer;
    private final String archive;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final TreeSet<String> selected = new TreeSet<>();
    private String cwd = "/";

    CatalogShell(PxarAccessor pxar, Restorer restorer, String archive, BufferedReader in, PrintStream out,
            PrintStream err, boolean interactive) {
        this.pxar = pxar;
        this.restorer = restorer;
        this.archive = archive;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** Reads commands until {@code exit} or end of input; returns the number of failed commands. */
    int run() throws IOException {
        int failed = 0;
        if (interactive) {
            out.println("Starting interactive shell for " + archive + " (type 'help' for the commands)");
        }
        while (true) {
            if (interactive) {
                out.print("pxar:" + cwd + " > ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                return failed;
            }
            List<String> words = words(line);
            if (words.isEmpty() || words.get(0).startsWith("#")) {
                continue;
            }
            try {
                if (!execute(words)) {
                    return failed;
                }
            } catch (IOException | RuntimeException e) {
                failed++;
                err.println("error: " + e.getMessage());
            }
        }
    }

    private boolean execute(List<String> w) throws IOException {
        String cmd = w.get(0);
        List<String> args = w.subList(1, w.size());
        switch (cmd) {
            case "exit", "quit" -> {
                return false;
            }
            case "help" -> out.println(HELP);
            case "pwd" -> out.println(cwd);
            case "ls" -> ls(args.isEmpty() ? cwd : resolve(args.get(0)));
            case "cd" -> cd(args.isEmpty() ? "/" : resolve(args.get(0)));
            case "stat" -> stat(resolve(one(args, "stat PATH")));
            case "find" -> find(args);
            case "select" -> selected.add(existing(resolve(one(args, "select PATH"))).pathString());
            case "deselect" -> {
                if (!selected.remove(resolve(one(args, "deselect PATH")))) {
                    throw new UsageException("not selected: " + resolve(args.get(0)));
                }
            }
            case "clear-selected" -> selected.clear();
            case "list-selected" -> selected.forEach(out::println);
            case "restore-selected" -> {
                if (selected.isEmpty()) {
                    throw new UsageException("nothing selected");
                }
                restore(one(args, "restore-selected TARGET"), List.copyOf(selected));
            }
            case "restore" -> restoreCommand(args);
            default -> throw new UsageException("unknown command '" + cmd + "' (try 'help')");
        }
        return true;
    }

    private void ls(String path) throws IOException {
        Entry e = existing(path);
        if (e.kind() != EntryKind.DIRECTORY) {
            out.println(describe(e));
            return;
        }
        for (Entry c : pxar.list(e)) {
            out.println(describe(c));
        }
    }

    private static String describe(Entry e) {
        String name = new String(e.fileName(), StandardCharsets.UTF_8);
        return switch (e.kind()) {
            case DIRECTORY -> name + "/";
            case SYMLINK -> name + " -> " + e.linkString();
            case HARDLINK -> name + " => /" + e.linkString();
            default -> name;
        };
    }

    private void cd(String path) throws IOException {
        if (existing(path).kind() != EntryKind.DIRECTORY) {
            throw new UsageException("not a directory: " + path);
        }
        cwd = path;
    }

    private void stat(String path) throws IOException {
        Entry e = existing(path);
        Entry content = e.kind() == EntryKind.HARDLINK ? pxar.resolveHardlink(e) : e;
        Metadata m = content.metadata();
        out.println("  File: " + path + (e.kind() == EntryKind.SYMLINK ? " -> " + e.linkString() : ""));
        out.println("  Size: " + content.fileSize() + "\tType: " + typeName(content.kind()));
        out.println("Access: (" + String.format("%04o", m.permissions()) + "/" + modeString(m.mode()) + ")  Uid: "
                + m.uid() + "  Gid: " + m.gid());
        out.println("Modify: " + TIME.format(Instant.ofEpochSecond(m.mtimeSecs())) + "."
                + String.format("%09d", m.mtimeNanos()) + " UTC");
    }

    private void find(List<String> args) throws IOException {
        boolean select = args.contains("--select");
        List<String> rest = args.stream().filter(a -> !a.equals("--select")).toList();
        String pattern = one(rest, "find PATTERN [--select]");
        boolean anchored = pattern.contains("/");
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + (anchored && !pattern.startsWith("/")
                ? "/" + pattern : pattern));
        List<Entry> stack = new ArrayList<>(List.of(existing(cwd)));
        while (!stack.isEmpty()) {
            Entry dir = stack.remove(stack.size() - 1);
            List<Entry> children = pxar.list(dir);
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i).kind() == EntryKind.DIRECTORY) {
                    stack.add(children.get(i));
                }
            }
            for (Entry c : children) {
                String p = c.pathString();
                String subject = anchored ? p : new String(c.fileName(), StandardCharsets.UTF_8);
                if (!subject.isEmpty() && m.matches(Path.of(subject))) {
                    out.println(p);
                    if (select) {
                        selected.add(p);
                    }
                }
            }
        }
    }

    private void restoreCommand(List<String> args) throws IOException {
        List<String> patterns = new ArrayList<>();
        String target = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--pattern")) {
                if (++i == args.size()) {
                    throw new UsageException("--pattern needs a value");
                }
                patterns.add(args.get(i));
            } else if (target == null) {
                target = args.get(i);
            } else {
                throw new UsageException("usage: restore TARGET [--pattern P]");
            }
        }
        if (target == null) {
            throw new UsageException("usage: restore TARGET [--pattern P]");
        }
        restore(target, patterns);
    }

    private void restore(String target, List<String> patterns) throws IOException {
        long n = restorer.extractDirectory(archive, Path.of(target), patterns, true,
                (path, msg) -> err.println("warning: " + path + ": " + msg));
        out.println("restored " + n + " entries to " + target);
    }

    private Entry existing(String path) throws IOException {
        Optional<Entry> e = pxar.lookup(path);
        return e.orElseThrow(() -> new UsageException("no such file or directory: " + path));
    }

    /** An absolute, normalised path for {@code arg} relative to the working directory. */
    String resolve(String arg) {
        List<String> parts = new ArrayList<>();
        String full = arg.startsWith("/") ? arg : cwd + "/" + arg;
        for (String p : full.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static String one(List<String> args, String usage) {
        if (args.size() != 1) {
            throw new UsageException("usage: " + usage);
        }
        return args.get(0);
    }

    /** Splits on blanks; double or single quotes group, a backslash escapes the next character. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(line.charAt(++i));
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur = cur == null ? new StringBuilder() : cur;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(c);
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String typeName(EntryKind k) {
        return switch (k) {
            case FILE -> "regular file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symbolic link";
            case DEVICE -> "device";
            case FIFO -> "fifo";
            case SOCKET -> "socket";
            default -> k.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String modeString(long mode) {
        char type = switch ((int) (mode & 0170000)) {
            case 0040000 -> 'd';
            case 0120000 -> 'l';
            case 0020000 -> 'c';
            case 0060000 -> 'b';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            default -> '-';
        };
        StringBuilder sb = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (1L << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return sb.toString();
    }
}
