package org.pbsj.core.index;

import java.nio.file.Path;

import org.pbsj.core.error.UnsupportedFormatException;

/** The kind of a snapshot archive, told by its file extension (PBS {@code archive_type}). */
public enum ArchiveType {
    FIXED_INDEX("fidx"),
    DYNAMIC_INDEX("didx"),
    BLOB("blob");

    private final String extension;

    ArchiveType(String extension) {
        this.extension = extension;
    }

    /** The extension without its dot. */
    public String extension() {
        return extension;
    }

    /** @throws UnsupportedFormatException for any other extension (including none) */
    public static ArchiveType fromFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String ext = name.substring(dot + 1);
            for (ArchiveType t : values()) {
                if (t.extension.equals(ext)) {
                    return t;
                }
            }
        }
        throw new UnsupportedFormatException(name, -1, "unknown archive type (expected .didx, .fidx or .blob)");
    }

    public static ArchiveType fromPath(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            throw new UnsupportedFormatException(path.toString(), -1, "unknown archive type (no file name)");
        }
        return fromFileName(name.toString());
    }
}
