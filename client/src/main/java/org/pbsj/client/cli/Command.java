package org.pbsj.client.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a command tree: either a group of subcommands ({@code datastore}) or a leaf with
 * options, positional arguments and an action ({@code datastore create <name> <path>}).
 * Immutable; built with {@link #leaf} or {@link #group}.
 */
public final class Command {
    /** What a leaf does; returns the exit code (normally 0). */
    @FunctionalInterface
    public interface Action {
        int run(ParsedArgs args) throws Exception;
    }

    /** {@code --name <valueName>}; a flag has no value name. {@code choices} empty = any value. */
    public record Option(String name, String valueName, String description, List<String> choices, boolean repeatable) {
        public Option(String name, String valueName, String description, List<String> choices) {
            this(name, valueName, description, choices, false);
        }

        public boolean isFlag() {
            return valueName == null;
        }
    }

    /** A {@code variadic} positional is the last one and takes all remaining arguments. */
    public record Positional(String name, String description, boolean required, boolean variadic) {
        public Positional(String name, String description, boolean required) {
            this(name, description, required, false);
        }
    }

    private final String name;
    private final String description;
    private final List<Option> options;
    private final List<Positional> positionals;
    private final Map<String, Command> subcommands;
    private final Action action;

    private Command(String name, String description, List<Option> options, List<Positional> positionals,
            Map<String, Command> subcommands, Action action) {
        this.name = name;
        this.description = description;
        this.options = List.copyOf(options);
        this.positionals = List.copyOf(positionals);
        this.subcommands = Collections.unmodifiableMap(new LinkedHashMap<>(subcommands));
        this.action = action;
    }

    public static Builder leaf(String name, String description) {
        return new Builder(name, description);
    }

    public static Command group(String name, String description, Command... subcommands) {
        Map<String, Command> subs = new LinkedHashMap<>();
        for (Command c : subcommands) {
            if (subs.put(c.name, c) != null) {
                throw new IllegalArgumentException("duplicate subcommand " + c.name + " in " + name);
            }
        }
        return new Command(name, description, List.of(), List.of(), subs, null);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean isGroup() {
        return action == null;
    }

    public List<Option> options() {
        return options;
    }

    public List<Positional> positionals() {
        return positionals;
    }

    public Map<String, Command> subcommands() {
        return subcommands;
    }

    public Action action() {
        return action;
    }

    public Option option(String optionName) {
        for (Option o : options) {
            if (o.name.equals(optionName)) {
                return o;
            }
        }
        return null;
    }

    public static final class Builder {
        private final String name;
        private final String description;
        private final List<Option> options = new ArrayList<>();
        private final List<Positional> positionals = new ArrayList<>();

        private Builder(String name, String description) {
            this.name = Objects.requireNonNull(name);
            this.description = Objects.requireNonNull(description);
        }

        /** {@code --name <valueName>}, optionally restricted to {@code choices}. */
        public Builder option(String optionName, String valueName, String desc, String... choices) {
            return add(new Option(optionName, Objects.requireNonNull(valueName), desc, Arrays.asList(choices)));
        }

        /** {@code --name <valueName>} that may be given several times ({@link ParsedArgs#options}). */
        public Builder repeatableOption(String optionName, String valueName, String desc) {
            return add(new Option(optionName, Objects.requireNonNull(valueName), desc, List.of(), true));
        }

        /** {@code <name>...}: one or more ({@code required}) or any number of remaining arguments. */
        public Builder variadicArg(String argName, String desc, boolean required) {
            positionals.add(new Positional(argName, desc, required, true));
            return this;
        }

        /** {@code --name} without a value. */
        public Builder flag(String optionName, String desc) {
            return add(new Option(optionName, null, desc, List.of()));
        }

        public Builder arg(String argName, String desc) {
            if (!positionals.isEmpty() && !positionals.get(positionals.size() - 1).required()) {
                throw new IllegalArgumentException("required argument after an optional one in " + name);
            }
            positionals.add(new Positional(argName, desc, true));
            return this;
        }

        public Builder optionalArg(String argName, String desc) {
            positionals.add(new Positional(argName, desc, false));
            return this;
        }

        private Builder add(Option o) {
            if (o.name.equals("help") || options.stream().anyMatch(x -> x.name.equals(o.name))) {
                throw new IllegalArgumentException("duplicate option --" + o.name + " in " + name);
            }
            options.add(o);
            return this;
        }

        public Command action(Action action) {
            return new Command(name, description, options, positionals, Map.of(), Objects.requireNonNull(action));
        }
    }
}
