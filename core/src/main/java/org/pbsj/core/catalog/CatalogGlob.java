package org.pbsj.core.catalog;

import java.util.regex.Pattern;

/**
 * A shell glob for {@link CatalogReader#find}: {@code *} and {@code ?} do not cross {@code /},
 * {@code **} does, {@code [abc]}, {@code [a-z]} and {@code [!x]} (or {@code [^x]}) are character
 * classes, a backslash escapes the next character.
 *
 * <p>As in PBS's catalog shell (pathpatterns), a pattern without a slash matches the entry's
 * name wherever it is; a pattern with a slash matches the whole path below the search start
 * (a leading slash is optional).
 */
public final class CatalogGlob {
    private final String glob;
    private final Pattern regex;
    private final boolean matchPath;

    private CatalogGlob(String glob, Pattern regex, boolean matchPath) {
        this.glob = glob;
        this.regex = regex;
        this.matchPath = matchPath;
    }

    public static CatalogGlob compile(String glob) {
        boolean path = glob.indexOf('/') >= 0;
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        return new CatalogGlob(glob, Pattern.compile(toRegex(g), Pattern.DOTALL), path);
    }

    /**
     * @param relativePath path below the search start, without leading slash
     * @param name         the entry's name
     */
    public boolean matches(String relativePath, String name) {
        return regex.matcher(matchPath ? relativePath : name).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    private static String toRegex(String g) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i++);
            switch (c) {
                case '*':
                    if (i < g.length() && g.charAt(i) == '*') {
                        i++;
                        if (i < g.length() && g.charAt(i) == '/') {
                            i++;
                            re.append("(?:.*/)?"); // "**/" also matches no directory at all
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                    break;
                case '?':
                    re.append("[^/]");
                    break;
                case '\\':
                    re.append(Pattern.quote(i < g.length() ? String.valueOf(g.charAt(i++)) : "\\"));
                    break;
                case '[':
                    int end = classEnd(g, i);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        re.append(charClass(g.substring(i, end)));
                        i = end + 1;
                    }
                    break;
                default:
                    re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** Index of the {@code ]} closing a class that starts at {@code from}, or -1. */
    private static int classEnd(String g, int from) {
        int i = from;
        if (i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
            i++;
        }
        if (i < g.length() && g.charAt(i) == ']') {
            i++; // a leading ']' is a member
        }
        return g.indexOf(']', i);
    }

    private static String charClass(String body) {
        StringBuilder re = new StringBuilder("[");
        int i = 0;
        boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
        if (negated) {
            re.append('^');
            i = 1;
        }
        int first = i;
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' && i > first && i < body.length() - 1) {
                re.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
        }
        // a negated class must not match the separator either
        re.append(']');
        return negated ? "(?:(?!/)" + re + ")" : re.toString();
    }
}
