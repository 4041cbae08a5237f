package org.pbsj.core.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.fs.EntryFilter;

/**
 * Glob patterns on archive paths, in the spirit of PBS's match patterns ({@code .gitignore}
 * style): a pattern with a {@code /} is anchored at the archive root, one without matches the
 * entry name at any depth; {@code *} stays within a component, {@code **} crosses them; a
 * trailing {@code /} matches directories only. A matched directory covers its whole subtree.
 */
public final class PathPatterns {
    private record Pattern(PathMatcher matcher, boolean anchored, boolean dirOnly, String literalPrefix) {
    }

    private final List<Pattern> patterns = new ArrayList<>();

    public PathPatterns(List<String> globs) {
        for (String g : globs) {
            boolean dirOnly = g.endsWith("/") && g.length() > 1;
            String p = dirOnly ? g.substring(0, g.length() - 1) : g;
            boolean anchored = p.contains("/");
            if (anchored && !p.startsWith("/")) {
                p = "/" + p;
            }
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
            int wild = firstWildcard(p);
            patterns.add(new Pattern(m, anchored, dirOnly, anchored ? p.substring(0, wild) : ""));
        }
    }

    private static int firstWildcard(String p) {
        for (int i = 0; i < p.length(); i++) {
            if ("*?[{\\".indexOf(p.charAt(i)) >= 0) {
                return i;
            }
        }
        return p.length();
    }

    /** Whether the entry itself matches one pattern. */
    boolean matches(String path, boolean directory) {
        for (Pattern p : patterns) {
            if (p.dirOnly && !directory) {
                continue;
            }
            String subject = p.anchored ? path : path.substring(path.lastIndexOf('/') + 1);
            if (!subject.isEmpty() && p.matcher.matches(Path.of(subject))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the entry or one of its parent directories matches. */
    boolean coveredBy(String path, boolean directory) {
        if (matches(path, directory)) {
            return true;
        }
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            if (matches(path.substring(0, i), true)) {
                return true;
            }
        }
        return false;
    }

    /** For {@code backup --exclude}: leaves out matching entries (and everything below them). */
    public EntryFilter asExcludeFilter() {
        return (path, kind) -> !matches(string(path), kind == EntryKind.DIRECTORY);
    }

    /**
     * For {@code restore --pattern}: keeps matching entries, what is below them, and the
     * directories on the way to a possible match.
     */
    public EntryFilter asIncludeFilter() {
        return (path, kind) -> {
            String s = string(path);
            boolean dir = kind == EntryKind.DIRECTORY;
            if (s.equals("/") || coveredBy(s, dir)) {
                return true;
            }
            if (!dir) {
                return false;
            }
            for (Pattern p : patterns) {
                // an unanchored pattern may match at any depth; an anchored one only below its prefix
                if (!p.anchored || p.literalPrefix.startsWith(s + "/") || s.startsWith(p.literalPrefix)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static String string(byte[] path) {
        return new String(path, StandardCharsets.UTF_8);
    }
}
