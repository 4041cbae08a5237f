package org.pbsj.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupType;

/**
 * The {@code group-filter} of sync and tape jobs ({@code datastore-jobs.md} §4.1):
 * {@code [include:|exclude:]<type:vm|ct|host | group:<type>/<id> | regex:<re>>}. A regex is
 * searched (unanchored) in {@code <type>/<id>}. A group passes if there is no include filter or
 * one matches, and no exclude filter matches.
 */
public final class GroupFilter {
    /** Passes everything. */
    public static final GroupFilter ALL = new GroupFilter(List.of(), List.of());

    private record Rule(String text, java.util.function.Predicate<BackupGroup> test) {
    }

    private final List<Rule> includes;
    private final List<Rule> excludes;

    private GroupFilter(List<Rule> includes, List<Rule> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /** Parses the filter list; null or empty passes everything. */
    public static GroupFilter parse(List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return ALL;
        }
        List<Rule> in = new ArrayList<>();
        List<Rule> ex = new ArrayList<>();
        for (String f : filters) {
            String s = f.strip();
            boolean exclude = false;
            if (s.startsWith("exclude:")) {
                exclude = true;
                s = s.substring("exclude:".length());
            } else if (s.startsWith("include:")) {
                s = s.substring("include:".length());
            }
            (exclude ? ex : in).add(rule(f, s));
        }
        return new GroupFilter(List.copyOf(in), List.copyOf(ex));
    }

    private static Rule rule(String original, String s) {
        if (s.startsWith("type:")) {
            String t = s.substring(5);
            if (!BackupType.isValid(t)) {
                throw new IllegalArgumentException("invalid group filter '" + original + "': unknown backup type '" + t + "'");
            }
            BackupType type = BackupType.parse(t);
            return new Rule(original, g -> g.type() == type);
        }
        if (s.startsWith("group:")) {
            String path = s.substring(6);
            if (!BackupGroup.PATH_REGEX.matcher(path).matches()) {
                throw new IllegalArgumentException("invalid group filter '" + original + "': not a <type>/<id> group");
            }
            return new Rule(original, g -> path.equals(g.type().value() + "/" + g.id()));
        }
        if (s.startsWith("regex:")) {
            Pattern p;
            try {
                p = Pattern.compile(s.substring(6));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid group filter '" + original + "': " + e.getDescription());
            }
            return new Rule(original, g -> p.matcher(g.type().value() + "/" + g.id()).find());
        }
        throw new IllegalArgumentException("invalid group filter '" + original
                + "': expected type:<type>, group:<type>/<id> or regex:<re>");
    }

    public boolean matches(BackupGroup g) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(r -> r.test().test(g));
        return included && excludes.stream().noneMatch(r -> r.test().test(g));
    }

    public boolean isEmpty() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        includes.forEach(r -> all.add(r.text()));
        excludes.forEach(r -> all.add(r.text()));
        return String.join(",", all);
    }
}
