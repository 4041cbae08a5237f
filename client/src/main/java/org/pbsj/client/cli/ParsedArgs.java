package org.pbsj.client.cli;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options and arguments of one command invocation. Conversions report bad values as
 * {@link UsageException}s naming the option.
 */
public final class ParsedArgs {
    private final List<String> path;
    private final Map<String, String> options;
    private final Set<String> flags;
    private final Map<String, String> args;
    private final Map<String, List<String>> lists;

    ParsedArgs(List<String> path, Map<String, String> options, Set<String> flags, Map<String, String> args) {
        this(path, options, flags, args, Map.of());
    }

    ParsedArgs(List<String> path, Map<String, String> options, Set<String> flags, Map<String, String> args,
            Map<String, List<String>> lists) {
        this.path = List.copyOf(path);
        this.options = Collections.unmodifiableMap(options);
        this.flags = Set.copyOf(flags);
        this.args = Collections.unmodifiableMap(args);
        this.lists = Map.copyOf(lists);
    }

    /** All values of a repeatable option, or all arguments of a variadic positional, in order. */
    public List<String> list(String name) {
        return lists.getOrDefault(name, List.of());
    }

    /** The command words, e.g. {@code [datastore, create]}. */
    public List<String> path() {
        return path;
    }

    /** The value of {@code --name}, or null. */
    public String option(String name) {
        return options.get(name);
    }

    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean has(String name) {
        return options.containsKey(name) || flags.contains(name);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** A positional argument, or null if an optional one was not given. */
    public String arg(String name) {
        return args.get(name);
    }

    public Long longOption(String name) {
        String v = options.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + v + "' is not an integer");
        }
    }

    /** PBS booleans ({@code rest-api.md} §1.2): 1|on|yes|true and 0|off|no|false. */
    public Boolean boolOption(String name) {
        String v = options.get(name);
        if (v == null) {
            return null;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "on", "yes", "true":
                return Boolean.TRUE;
            case "0", "off", "no", "false":
                return Boolean.FALSE;
            default:
                throw new UsageException("option --" + name + ": '" + v + "' is not a boolean");
        }
    }

    public Map<String, String> options() {
        return options;
    }
}
