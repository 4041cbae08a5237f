package org.pbsj.core.pxar.fs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An ordered list of {@link MatchPattern}s: the <em>last</em> pattern that matches an entry
 * decides ({@code pathpatterns}' {@code MatchList}); no match means "no opinion" (null), which the
 * archiver treats as include and the extractor as "as the parent directory".
 *
 * <p>Patterns are decided per entry: an excluded directory is not descended into, so nothing
 * below it can be included again by a later {@code !pattern}.
 *
 * <p>{@code .pxarexclude} files ({@link #parseExcludeFile}) follow PBS's reader: one pattern per
 * line, surrounding ASCII whitespace trimmed, empty lines and lines starting with {@code #}
 * ignored, {@code !} includes; a line starting with {@code /} (or {@code !/}) is anchored at the
 * directory holding the file. Immutable.
 */
public final class MatchList {
    public static final MatchList EMPTY = new MatchList(List.of());

    private final List<MatchPattern> patterns;

    private MatchList(List<MatchPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public static MatchList of(List<MatchPattern> patterns) {
        return patterns.isEmpty() ? EMPTY : new MatchList(patterns);
    }

    /** {@code pxar create --exclude}: plain lines exclude, {@code !} lines include. */
    public static MatchList excludes(List<String> lines) {
        return parse(lines, MatchPattern.Type.EXCLUDE);
    }

    /** {@code pxar extract --pattern}: plain lines include, {@code !} lines exclude. */
    public static MatchList includes(List<String> lines) {
        return parse(lines, MatchPattern.Type.INCLUDE);
    }

    private static MatchList parse(List<String> lines, MatchPattern.Type type) {
        List<MatchPattern> out = new ArrayList<>();
        for (String l : lines) {
            out.add(MatchPattern.parse(l, type));
        }
        return of(out);
    }

    public List<MatchPattern> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** This list followed by {@code more} (which therefore take precedence). */
    public MatchList plus(List<MatchPattern> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<MatchPattern> all = new ArrayList<>(patterns);
        all.addAll(more);
        return new MatchList(all);
    }

    /** The type of the last pattern matching {@code path} (an archive path, "/a/b"), or null. */
    public MatchPattern.Type matches(byte[] path, long mode) {
        return lastMatch(patterns, path, mode);
    }

    /** As {@link #matches} over any list (the archiver keeps a stack of per-directory patterns). */
    public static MatchPattern.Type lastMatch(List<MatchPattern> patterns, byte[] path, long mode) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            MatchPattern p = patterns.get(i);
            if (p.matches(path, mode)) {
                return p.type();
            }
        }
        return null;
    }

    /**
     * The content of a {@code .pxarexclude-cli} file (and of the split archive prelude's
     * {@code exclude-patterns}): one {@link MatchPattern#toExcludeLine()} per line, each ending in '\n'.
     */
    public byte[] toExcludeFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MatchPattern p : patterns) {
            out.writeBytes(p.toExcludeLine());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * Parses a {@code .pxarexclude} file.
     *
     * @param dirPath archive path of the directory holding the file: empty for the root, else
     *     "/a/b"; prefixed to anchored ({@code /...}) lines
     * @param badLine receives a message for each line that is not a valid pattern (skipped)
     */
    public static List<MatchPattern> parseExcludeFile(byte[] content, byte[] dirPath, Consumer<String> badLine) {
        List<MatchPattern> out = new ArrayList<>();
        int start = 0;
        while (start <= content.length) {
            int nl = start;
            while (nl < content.length && content[nl] != '\n') {
                nl++;
            }
            byte[] line = trim(content, start, nl);
            start = nl + 1;
            if (line.length == 0 || line[0] == '#') {
                continue;
            }
            try {
                if (line[0] == '/') {
                    out.add(MatchPattern.parse(concat(dirPath, line, 0), MatchPattern.Type.EXCLUDE, true));
                } else if (line[0] == '!' && line.length > 1 && line[1] == '/') {
                    out.add(MatchPattern.parse(concat(dirPath, line, 1), MatchPattern.Type.INCLUDE, true));
                } else if (line[0] == '!') {
                    out.add(MatchPattern.parse(Arrays.copyOfRange(line, 1, line.length), MatchPattern.Type.INCLUDE,
                            false));
                } else {
                    out.add(MatchPattern.parse(line, MatchPattern.Type.EXCLUDE, false));
                }
            } catch (IllegalArgumentException e) {
                badLine.accept(e.getMessage());
            }
        }
        return out;
    }

    private static byte[] concat(byte[] dir, byte[] line, int from) {
        byte[] out = Arrays.copyOf(dir, dir.length + line.length - from);
        System.arraycopy(line, from, out, dir.length, line.length - from);
        return out;
    }

    private static byte[] trim(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(b, from, to);
    }

    /** ASCII whitespace as Rust's {@code is_ascii_whitespace}: space, \t, \n, \f, \r. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    @Override
    public String toString() {
        return new String(toExcludeFile(), StandardCharsets.UTF_8);
    }
}
