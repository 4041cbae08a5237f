package org.pbsj.core.pxar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded archive entry.
 *
 * @param path raw path bytes from the archive root: {@code /} for the root, {@code /dir/file} below
 * @param kind what it is; {@link EntryKind#GOODBYE} ends the directory {@code path}
 * @param metadata stat and metadata items; {@link Metadata#NONE} for hardlinks and goodbyes
 * @param fileSize FILE: content size, else 0
 * @param contentOffset FILE: absolute offset of the first content byte, in the archive (v1) or in the
 *     payload stream ({@code payloadRef}); else -1
 * @param payloadRef FILE in a split archive: true if the content lives in the payload stream
 * @param link SYMLINK: target; HARDLINK: target path relative to the root; else null
 * @param hardlinkOffset HARDLINK: distance back from this FILENAME to the target's FILENAME; else 0
 * @param deviceMajor DEVICE: major number
 * @param deviceMinor DEVICE: minor number
 * @param fileOffset offset of the FILENAME item (0 for the root)
 * @param endOffset end of the entry's item range (for directories: after its GOODBYE) if known,
 *     else -1 (streaming decoding learns it only later)
 */
public record Entry(byte[] path, EntryKind kind, Metadata metadata, long fileSize, long contentOffset,
        boolean payloadRef, byte[] link, long hardlinkOffset, long deviceMajor, long deviceMinor,
        long fileOffset, long endOffset) {

    public Entry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** Path as a string; invalid UTF-8 is replaced (use {@link #path()} for the exact bytes). */
    public String pathString() {
        return new String(path, StandardCharsets.UTF_8);
    }

    /** Last path component as raw bytes (empty for the root). */
    public byte[] fileName() {
        int slash = path.length - 1;
        while (slash >= 0 && path[slash] != '/') {
            slash--;
        }
        return Arrays.copyOfRange(path, slash + 1, path.length);
    }

    public String linkString() {
        return link == null ? null : new String(link, StandardCharsets.UTF_8);
    }

    public boolean isDirectory() {
        return kind == EntryKind.DIRECTORY;
    }

    public boolean isRoot() {
        return path.length == 1 && path[0] == '/';
    }

    Entry withEndOffset(long end) {
        return new Entry(path, kind, metadata, fileSize, contentOffset, payloadRef, link, hardlinkOffset,
                deviceMajor, deviceMinor, fileOffset, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && Arrays.equals(path, e.path) && kind == e.kind && metadata.equals(e.metadata)
                && fileSize == e.fileSize && contentOffset == e.contentOffset && payloadRef == e.payloadRef
                && Arrays.equals(link, e.link) && hardlinkOffset == e.hardlinkOffset && deviceMajor == e.deviceMajor
                && deviceMinor == e.deviceMinor && fileOffset == e.fileOffset && endOffset == e.endOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(path), kind, metadata, fileSize, fileOffset);
    }

    @Override
    public String toString() {
        return "Entry[" + pathString() + " " + kind + (kind == EntryKind.FILE ? " size=" + fileSize : "")
                + (link != null ? " -> " + linkString() : "")
                + (kind == EntryKind.DEVICE ? " " + deviceMajor + ":" + deviceMinor : "")
                + " @" + fileOffset + " " + metadata + "]";
    }
}
