package org.pbsj.client.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.backup.BackupProtocolException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.store.StoreException;

/**
 * A small command-line front end: command words first ({@code datastore create}), then options
 * ({@code --name value}, {@code --name=value}, flags) and positional arguments in any order,
 * {@code --} ends the options. {@code -h}/{@code --help} anywhere, and {@code help [command...]},
 * print generated help.
 *
 * <p>Exit codes: 0 success, 1 error (one line {@code Error: ...} on stderr), 2 usage error.
 */
public final class CommandLine {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    /** The result of parsing: the leaf to run (or to show help for) and its arguments. */
    public record Invocation(Command command, List<String> path, ParsedArgs args, boolean help) {
    }

    private final String program;
    private final Command root;

    public CommandLine(String program, Command root) {
        this.program = program;
        this.root = root;
    }

    /** Parses, runs and maps failures to exit codes; never throws. */
    public int run(String[] argv, PrintStream out, PrintStream err) {
        Invocation inv;
        try {
            inv = parse(argv);
        } catch (UsageError e) {
            err.println("Error: " + e.getMessage());
            err.println(usageLine(e.command, e.path));
            err.println("Try '" + String.join(" ", withProgram(e.path)) + " --help' for more information.");
            return USAGE;
        }
        if (inv.help) {
            out.print(help(inv.command, inv.path));
            return OK;
        }
        try {
            return inv.command.action().run(inv.args);
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println(usageLine(inv.command, inv.path));
            return USAGE;
        } catch (UncheckedIOException e) {
            return fail(err, e, e.getMessage() + ": " + e.getCause().getMessage());
        } catch (ClientException | PbsFormatException | IllegalArgumentException e) {
            // expected failures: their message is written for the user
            return fail(err, e, e.getMessage());
        } catch (Exception e) {
            // a bug or an unforeseen condition: keep the type visible (PBSJ_DEBUG=1 for the trace)
            return fail(err, e, e.toString());
        }
    }

    private static int fail(PrintStream err, Exception e, String message) {
        err.println("Error: " + (message == null ? e.getClass().getSimpleName() : message));
        if (System.getenv("PBSJ_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return ERROR;
    }

    /** A usage error found while parsing, with the command it concerns. */
    static final class UsageError extends UsageException {
        final Command command;
        final List<String> path;

        UsageError(String message, Command command, List<String> path) {
            super(message);
            this.command = command;
            this.path = List.copyOf(path);
        }
    }

    public Invocation parse(String[] argv) {
        Command cmd = root;
        List<String> path = new ArrayList<>();
        int i = 0;
        if (argv.length > 0 && argv[0].equals("help") && !root.subcommands().containsKey("help")) {
            return helpFor(argv);
        }
        while (cmd.isGroup()) {
            if (i >= argv.length) {
                throw new UsageError(path.isEmpty() ? "missing command" : "missing subcommand", cmd, path);
            }
            String word = argv[i++];
            if (word.equals("-h") || word.equals("--help")) {
                return new Invocation(cmd, path, null, true);
            }
            Command next = cmd.subcommands().get(word);
            if (next == null) {
                throw new UsageError("unknown command '" + String.join(" ", append(path, word)) + "'", cmd, path);
            }
            path.add(word);
            cmd = next;
        }
        return parseLeaf(cmd, path, argv, i);
    }

    private Invocation parseLeaf(Command cmd, List<String> path, String[] argv, int start) {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean onlyPositional = false;
        for (int i = start; i < argv.length; i++) {
            String a = argv[i];
            if (onlyPositional || !a.startsWith("-") || a.equals("-")) {
                positional.add(a);
            } else if (a.equals("--")) {
                onlyPositional = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                return new Invocation(cmd, path, null, true);
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                Command.Option o = cmd.option(name);
                if (o == null) {
                    throw new UsageError("unknown option '--" + name + "'", cmd, path);
                }
                if (!o.repeatable() && (options.containsKey(name) || flags.contains(name))) {
                    throw new UsageError("option '--" + name + "' given more than once", cmd, path);
                }
                if (o.isFlag()) {
                    if (eq >= 0) {
                        throw new UsageError("option '--" + name + "' takes no value", cmd, path);
                    }
                    flags.add(name);
                    continue;
                }
                String value;
                if (eq >= 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < argv.length) {
                    value = argv[++i];
                } else {
                    throw new UsageError("option '--" + name + "' needs a value <" + o.valueName() + ">", cmd, path);
                }
                if (!o.choices().isEmpty() && !o.choices().contains(value)) {
                    throw new UsageError("option '--" + name + "': invalid value '" + value + "' (expected "
                            + String.join("|", o.choices()) + ")", cmd, path);
                }
                options.put(name, value);
                if (o.repeatable()) {
                    lists.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            } else {
                throw new UsageError("unknown option '" + a + "'", cmd, path);
            }
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<Command.Positional> specs = cmd.positionals();
        for (int k = 0; k < positional.size(); k++) {
            if (k >= specs.size() - 1 && !specs.isEmpty() && specs.get(specs.size() - 1).variadic()) {
                Command.Positional last = specs.get(specs.size() - 1);
                lists.put(last.name(), List.copyOf(positional.subList(k, positional.size())));
                args.put(last.name(), positional.get(k));
                break;
            }
            if (k >= specs.size()) {
                throw new UsageError("unexpected argument '" + positional.get(k) + "'", cmd, path);
            }
            args.put(specs.get(k).name(), positional.get(k));
        }
        for (int k = positional.size(); k < specs.size(); k++) {
            if (specs.get(k).required()) {
                throw new UsageError("missing argument <" + specs.get(k).name() + ">", cmd, path);
            }
        }
        return new Invocation(cmd, path, new ParsedArgs(path, options, flags, args, lists), false);
    }

    private Invocation helpFor(String[] argv) {
        Command cmd = root;
        List<String> path = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            Command next = cmd.subcommands().get(argv[i]);
            if (next == null) {
                throw new UsageError("unknown command '" + String.join(" ", append(path, argv[i])) + "'", cmd, path);
            }
            path.add(argv[i]);
            cmd = next;
        }
        return new Invocation(cmd, path, null, true);
    }

    // ------------------------------------------------------------------ help

    /** {@code Usage: prog a b <arg> [<opt>] [OPTIONS]}. */
    public String usageLine(Command cmd, List<String> path) {
        return "Usage: " + synopsis(cmd, path);
    }

    private String synopsis(Command cmd, List<String> path) {
        StringBuilder sb = new StringBuilder(String.join(" ", withProgram(path)));
        if (cmd.isGroup()) {
            return sb.append(" <command> [ARGS] [OPTIONS]").toString();
        }
        for (Command.Positional p : cmd.positionals()) {
            String dots = p.variadic() ? "..." : "";
            sb.append(p.required() ? " <" + p.name() + ">" + dots : " [<" + p.name() + ">" + dots + "]");
        }
        if (!cmd.options().isEmpty()) {
            sb.append(" [OPTIONS]");
        }
        return sb.toString();
    }

    public String help(Command cmd, List<String> path) {
        StringBuilder sb = new StringBuilder(usageLine(cmd, path)).append("\n\n");
        sb.append(cmd.description()).append('\n');
        if (cmd.isGroup()) {
            List<String[]> rows = new ArrayList<>();
            collectLeaves(cmd, path, rows);
            sb.append("\nCommands:\n");
            appendRows(sb, rows);
            sb.append("\nRun '").append(String.join(" ", withProgram(path)))
                    .append(" <command> --help' for the options of a command.\n");
            return sb.toString();
        }
        if (!cmd.positionals().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            for (Command.Positional p : cmd.positionals()) {
                rows.add(new String[] {"<" + p.name() + ">", p.description() + (p.required() ? "" : " (optional)")});
            }
            sb.append("\nArguments:\n");
            appendRows(sb, rows);
        }
        List<String[]> rows = new ArrayList<>();
        for (Command.Option o : cmd.options()) {
            String left = "--" + o.name() + (o.isFlag() ? "" : " <" + o.valueName() + ">");
            String right = o.description() + (o.choices().isEmpty() ? "" : " [" + String.join("|", o.choices()) + "]");
            rows.add(new String[] {left, right});
        }
        rows.add(new String[] {"-h, --help", "Show this help."});
        sb.append("\nOptions:\n");
        appendRows(sb, rows);
        return sb.toString();
    }

    private void collectLeaves(Command cmd, List<String> path, List<String[]> rows) {
        for (Command sub : cmd.subcommands().values()) {
            List<String> subPath = append(path, sub.name());
            if (sub.isGroup()) {
                collectLeaves(sub, subPath, rows);
            } else {
                String syn = synopsis(sub, subPath).substring(program.length() + 1);
                rows.add(new String[] {syn, sub.description()});
            }
        }
    }

    private static void appendRows(StringBuilder sb, List<String[]> rows) {
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        width = Math.min(width, 40); // a long synopsis gets its description on the next line
        for (String[] r : rows) {
            sb.append("  ").append(r[0]);
            if (r[0].length() > width) {
                sb.append('\n').append(" ".repeat(width + 4));
            } else {
                sb.append(" ".repeat(width - r[0].length() + 2));
            }
            sb.append(r[1]).append('\n');
        }
    }

    private List<String> withProgram(List<String> path) {
        return append(List.of(program), path.toArray(String[]::new));
    }

    private static List<String> append(List<String> list, String... more) {
        List<String> out = new ArrayList<>(list);
        out.addAll(List.of(more));
        return out;
    }
}
