package org.pbsj.core.pxar.fs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.pbsj.core.pxar.PxarFormat;

/**
 * One include or exclude pattern line with PBS's semantics ({@code pathpatterns}
 * {@code MatchEntry::parse_pattern} in path-name mode):
 * <ul>
 * <li>a leading {@code !} inverts the pattern's type (an exclude list's {@code !x} includes);</li>
 * <li>trailing slashes are removed and make the pattern match directories only;</li>
 * <li>the glob ({@link Glob}) is tried against the whole archive path ({@code /dir/name}) and
 *     against every suffix that starts after a {@code /} ({@code name}, {@code dir/name}); so a
 *     pattern starting with {@code /} can only match the whole path: it is anchored at the root,
 *     while {@code dir/name} matches at any depth;</li>
 * <li>an {@linkplain #anchored() anchored} pattern (from a {@code /...} line of a
 *     {@code .pxarexclude} file) is only tried against the whole path.</li>
 * </ul>
 * Immutable.
 */
public final class MatchPattern {
    /** What a matching pattern decides. */
    public enum Type {
        INCLUDE, EXCLUDE;

        public Type inverted() {
            return this == INCLUDE ? EXCLUDE : INCLUDE;
        }
    }

    private final byte[] glob;
    private final Glob compiled;
    private final Type type;
    private final boolean directoriesOnly;
    private final boolean anchored;

    private MatchPattern(byte[] glob, Type type, boolean directoriesOnly, boolean anchored) {
        this.glob = glob;
        this.compiled = Glob.compile(glob);
        this.type = type;
        this.directoriesOnly = directoriesOnly;
        this.anchored = anchored;
    }

    /**
     * Parses a pattern line; {@code defaultType} is the type without a leading {@code !}.
     *
     * @throws IllegalArgumentException naming the pattern if it is empty or malformed
     */
    public static MatchPattern parse(String line, Type defaultType) {
        return parse(line.getBytes(StandardCharsets.UTF_8), defaultType, false);
    }

    /** As {@link #parse(String, Type)} over raw bytes; {@code anchored} restricts it to whole paths. */
    public static MatchPattern parse(byte[] line, Type defaultType, boolean anchored) {
        byte[] p = line;
        Type type = defaultType;
        if (p.length > 0 && p[0] == '!') {
            p = Arrays.copyOfRange(p, 1, p.length);
            type = type.inverted();
        }
        if (p.length == 0) {
            throw new IllegalArgumentException("empty pattern '" + show(line) + "'");
        }
        int end = p.length;
        while (end > 0 && p[end - 1] == '/') {
            end--;
        }
        boolean dirsOnly = end < p.length;
        byte[] g = end == 0 ? new byte[] {'/'} : Arrays.copyOf(p, end);
        try {
            return new MatchPattern(g, type, dirsOnly, anchored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad pattern '" + show(line) + "': " + e.getMessage(), e);
        }
    }

    /** Include or exclude. */
    public Type type() {
        return type;
    }

    public boolean directoriesOnly() {
        return directoriesOnly;
    }

    public boolean anchored() {
        return anchored;
    }

    /** The glob without {@code !} and trailing slashes. */
    public String glob() {
        return show(glob);
    }

    /**
     * @param path archive path, {@code /} + names joined by {@code /}
     * @param mode {@code st_mode} of the entry (only its file type bits are used)
     */
    public boolean matches(byte[] path, long mode) {
        if (directoriesOnly && (mode & PxarFormat.IFMT) != PxarFormat.IFDIR) {
            return false;
        }
        return anchored ? compiled.matches(path) : compiled.matchesSuffix(path);
    }

    /**
     * The line as an exclude list holds it, the form PBS writes into {@code .pxarexclude-cli}:
     * {@code !} for includes, the glob, a {@code /} for directory-only patterns.
     */
    public byte[] toExcludeLine() {
        boolean slash = directoriesOnly && glob[glob.length - 1] != '/';
        byte[] out = new byte[(type == Type.INCLUDE ? 1 : 0) + glob.length + (slash ? 1 : 0)];
        int o = 0;
        if (type == Type.INCLUDE) {
            out[o++] = '!';
        }
        System.arraycopy(glob, 0, out, o, glob.length);
        if (slash) {
            out[out.length - 1] = '/';
        }
        return out;
    }

    @Override
    public String toString() {
        return show(toExcludeLine()) + (anchored ? " (anchored)" : "");
    }

    private static String show(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
