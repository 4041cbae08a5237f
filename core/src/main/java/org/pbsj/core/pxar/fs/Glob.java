package org.pbsj.core.pxar.fs;

import java.util.Arrays;

/**
 * A compiled git-style glob over path bytes, with the semantics of PBS's {@code pathpatterns}
 * crate in path-name mode:
 * <ul>
 * <li>{@code ?} one byte except {@code /}; {@code *} any run of bytes without {@code /};</li>
 * <li>{@code **} any run of bytes including {@code /}, but only when it stands alone between
 *     slashes or at the ends ({@code a/**}{@code /b}, {@code **}{@code /b}, {@code a/**}); elsewhere
 *     it is a plain {@code *}. {@code /**}{@code /} also matches a single {@code /}, so
 *     {@code a/**}{@code /b} matches {@code a/b} and {@code **}{@code /b} matches {@code b};</li>
 * <li>{@code [abc]}, {@code [a-z]}, {@code [^a-z]} (only {@code ^} negates, as in pathpatterns),
 *     named classes {@code [[:digit:]]} etc.; {@code []} is an empty class; a class may match
 *     {@code /};</li>
 * <li>{@code \x} is a literal {@code x}.</li>
 * </ul>
 * Matching simulates the pattern as an automaton (no backtracking), so hostile patterns cost
 * O(path length × pattern length).
 */
final class Glob {
    private static final int LIT = 0;
    private static final int ANY = 1;
    private static final int CLASS = 2;
    private static final int STAR = 3;
    private static final int STARSTAR = 4;

    private final int[] kind;
    private final int[] literal;
    private final boolean[][] classes;
    /** STARSTAR between slashes: may also match nothing and swallow the following '/'. */
    private final boolean[] skipSlash;
    private final int n;

    private Glob(int[] kind, int[] literal, boolean[][] classes, boolean[] skipSlash, int n) {
        this.kind = kind;
        this.literal = literal;
        this.classes = classes;
        this.skipSlash = skipSlash;
        this.n = n;
    }

    /** @throws IllegalArgumentException for a NUL byte, a trailing backslash or an unclosed class */
    static Glob compile(byte[] p) {
        int[] kind = new int[p.length];
        int[] literal = new int[p.length];
        boolean[][] classes = new boolean[p.length][];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            int c = p[i] & 0xff;
            switch (c) {
                case 0 -> throw new IllegalArgumentException("NUL byte in pattern");
                case '\\' -> {
                    if (++i == p.length) {
                        throw new IllegalArgumentException("trailing backslash in pattern");
                    }
                    kind[n] = LIT;
                    literal[n++] = p[i] & 0xff;
                }
                case '?' -> kind[n++] = ANY;
                case '*' -> {
                    int begin = i;
                    while (i + 1 < p.length && p[i + 1] == '*') {
                        i++;
                    }
                    boolean alone = (begin == 0 || p[begin - 1] == '/') && (i + 1 == p.length || p[i + 1] == '/');
                    kind[n++] = i > begin && alone ? STARSTAR : STAR;
                }
                case '[' -> {
                    boolean[] set = new boolean[256];
                    i = parseClass(p, i, set);
                    kind[n] = CLASS;
                    classes[n++] = set;
                }
                default -> {
                    kind[n] = LIT;
                    literal[n++] = c;
                }
            }
        }
        boolean[] skipSlash = new boolean[n];
        for (int t = 0; t < n; t++) {
            skipSlash[t] = kind[t] == STARSTAR && (t == 0 || isSlash(kind, literal, t - 1))
                    && t + 1 < n && isSlash(kind, literal, t + 1);
        }
        return new Glob(kind, literal, classes, skipSlash, n);
    }

    private static boolean isSlash(int[] kind, int[] literal, int t) {
        return kind[t] == LIT && literal[t] == '/';
    }

    /** Parses {@code [...]} starting at {@code start} into {@code set}; returns the index of the closing ']'. */
    private static int parseClass(byte[] p, int start, boolean[] set) {
        int i = start + 1;
        boolean negated = i < p.length && p[i] == '^';
        if (negated) {
            i++;
        }
        int prev = -1;
        for (; i < p.length; i++) {
            int c = p[i] & 0xff;
            if (c == 0) {
                throw new IllegalArgumentException("NUL byte in pattern");
            } else if (c == ']') {
                if (negated) {
                    for (int b = 0; b < 256; b++) {
                        set[b] = !set[b];
                    }
                }
                return i;
            } else if (c == '[' && i + 1 < p.length && p[i + 1] == ':') {
                int end = indexOf(p, i + 2, ":]");
                String name = end < 0 ? "" : new String(p, i + 2, end - i - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (!named(name, set)) {
                    throw new IllegalArgumentException("malformed named character class in pattern at byte " + start);
                }
                i = end + 1;
                prev = -1;
            } else if (c == '-' && prev >= 0 && i + 1 < p.length && p[i + 1] != ']') {
                int hi = p[++i] & 0xff;
                if (hi == '\\') {
                    if (++i == p.length) {
                        break;
                    }
                    hi = p[i] & 0xff;
                }
                for (int b = Math.min(prev, hi); b <= Math.max(prev, hi); b++) {
                    set[b] = true;
                }
                prev = -1;
            } else {
                if (c == '\\') {
                    if (++i == p.length) {
                        throw new IllegalArgumentException("trailing backslash in pattern");
                    }
                    c = p[i] & 0xff;
                }
                set[c] = true;
                prev = c;
            }
        }
        throw new IllegalArgumentException("unclosed character class in pattern at byte " + start);
    }

    private static int indexOf(byte[] p, int from, String s) {
        outer:
        for (int i = from; i + s.length() <= p.length; i++) {
            for (int k = 0; k < s.length(); k++) {
                if (p[i + k] != s.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final java.util.Set<String> NAMED = java.util.Set.of("alnum", "alpha", "blank", "cntrl", "digit",
            "graph", "lower", "print", "punct", "space", "upper", "xdigit");

    private static boolean named(String name, boolean[] set) {
        if (!NAMED.contains(name)) {
            return false;
        }
        for (int b = 0; b < 128; b++) {
            char ch = (char) b;
            boolean in = switch (name) {
                case "alnum" -> Character.isLetterOrDigit(ch);
                case "alpha" -> Character.isLetter(ch);
                case "blank" -> ch == ' ' || ch == '\t';
                case "cntrl" -> b < 0x20 || b == 0x7f;
                case "digit" -> ch >= '0' && ch <= '9';
                case "graph" -> b > 0x20 && b < 0x7f;
                case "lower" -> ch >= 'a' && ch <= 'z';
                case "print" -> b >= 0x20 && b <= 0x7f; // sic: pathpatterns includes DEL
                case "punct" -> b > 0x20 && b < 0x7f && !Character.isLetterOrDigit(ch);
                case "space" -> " \t\n\f\r".indexOf(ch) >= 0;
                case "upper" -> ch >= 'A' && ch <= 'Z';
                default -> ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F';
            };
            set[b] |= in;
        }
        return true;
    }

    /** Whether the whole of {@code s} matches. */
    boolean matches(byte[] s) {
        return run(s, false);
    }

    /** Whether {@code s} or any suffix of it that starts right after a '/' matches. */
    boolean matchesSuffix(byte[] s) {
        return run(s, true);
    }

    private boolean run(byte[] s, boolean restartAfterSlash) {
        boolean[] cur = new boolean[n + 1];
        boolean[] next = new boolean[n + 1];
        enter(cur, 0);
        close(cur);
        for (byte value : s) {
            int c = value & 0xff;
            Arrays.fill(next, false);
            boolean alive = false;
            for (int t = 0; t < n; t++) {
                if (!cur[t]) {
                    continue;
                }
                switch (kind[t]) {
                    case LIT -> {
                        if (c == literal[t]) {
                            enter(next, t + 1);
                        }
                    }
                    case ANY -> {
                        if (c != '/') {
                            enter(next, t + 1);
                        }
                    }
                    case CLASS -> {
                        if (classes[t][c]) {
                            enter(next, t + 1);
                        }
                    }
                    case STAR -> next[t] |= c != '/';
                    default -> next[t] = true;
                }
            }
            if (restartAfterSlash && c == '/') {
                enter(next, 0);
            }
            close(next);
            for (boolean b : next) {
                alive |= b;
            }
            if (!alive && !restartAfterSlash) {
                return false;
            }
            boolean[] tmp = cur;
            cur = next;
            next = tmp;
        }
        return cur[n];
    }

    /**
     * Arrives at token {@code t} by input (or at the start). Only on arrival may a {@code **}
     * between slashes match nothing together with its following '/' ({@code a/**}{@code /b} matches
     * {@code a/b}); once it consumed bytes, the '/' is required.
     */
    private void enter(boolean[] states, int t) {
        states[t] = true;
        if (t < n && skipSlash[t]) {
            states[t + 2] = true;
        }
    }

    /** Adds the states reachable without input: stars may match nothing. */
    private void close(boolean[] states) {
        for (int t = 0; t < n; t++) {
            if (states[t] && (kind[t] == STAR || kind[t] == STARSTAR)) {
                states[t + 1] = true;
            }
        }
    }
}
