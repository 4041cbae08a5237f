package org.pbsj.core.client;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code <label>.<type>:<path>} argument of {@code backup} ({@code manifest.md} §1): the
 * label is {@code [a-zA-Z0-9_-]+}, the type one of {@code pxar}, {@code img}, {@code conf},
 * {@code log}; the server file name appends {@code .didx}, {@code .fidx} or {@code .blob}.
 */
public record BackupSpec(String label, Type type, Path path) {
    private static final Pattern SPEC = Pattern.compile("([a-zA-Z0-9_-]+)\\.(pxar|img|conf|log):(.+)");

    public enum Type {
        PXAR("pxar", ".didx"), IMAGE("img", ".fidx"), CONFIG("conf", ".blob"), LOG("log", ".blob");

        private final String extension;
        private final String serverSuffix;

        Type(String extension, String serverSuffix) {
            this.extension = extension;
            this.serverSuffix = serverSuffix;
        }

        public String extension() {
            return extension;
        }
    }

    public static BackupSpec parse(String text) {
        Matcher m = SPEC.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("unable to parse backup source specification '" + text
                    + "' (expected <label>.pxar|img|conf|log:<path>)");
        }
        Type type = switch (m.group(2)) {
            case "pxar" -> Type.PXAR;
            case "img" -> Type.IMAGE;
            case "conf" -> Type.CONFIG;
            default -> Type.LOG;
        };
        return new BackupSpec(m.group(1), type, Path.of(m.group(3)));
    }

    /** {@code root.pxar}, as users name archives. */
    public String archiveName() {
        return label + "." + type.extension;
    }

    /** {@code root.pxar.didx}, as the server stores it. */
    public String serverName() {
        return archiveName() + type.serverSuffix;
    }
}
