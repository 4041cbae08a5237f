package org.pbsj.core.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a catalog directory block.
 *
 * @param type        entry type
 * @param name        raw name bytes (not necessarily UTF-8); copied in and out
 * @param size        file size (unsigned 64 bit), 0 unless {@link CatalogEntryType#FILE}
 * @param mtime       modification time, epoch seconds, 0 unless {@link CatalogEntryType#FILE}
 * @param blockOffset absolute offset of the directory's block, -1 unless
 *                    {@link CatalogEntryType#DIRECTORY}
 */
public record CatalogEntry(CatalogEntryType type, byte[] name, long size, long mtime, long blockOffset) {

    public CatalogEntry {
        Objects.requireNonNull(type, "type");
        name = name.clone();
    }

    /** A directory entry pointing at its block. */
    public static CatalogEntry directory(byte[] name, long blockOffset) {
        return new CatalogEntry(CatalogEntryType.DIRECTORY, name, 0, 0, blockOffset);
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    /** The name decoded as UTF-8 (invalid sequences replaced), for display and matching. */
    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    public boolean isDirectory() {
        return type == CatalogEntryType.DIRECTORY;
    }

    /** Whether the raw name equals {@code other}. */
    public boolean nameEquals(byte[] other) {
        return Arrays.equals(name, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogEntry e && type == e.type && Arrays.equals(name, e.name)
                && size == e.size && mtime == e.mtime && blockOffset == e.blockOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(name), size, mtime, blockOffset);
    }

    @Override
    public String toString() {
        String extra = switch (type) {
            case FILE -> ", size=" + Long.toUnsignedString(size) + ", mtime=" + mtime;
            case DIRECTORY -> ", block@" + blockOffset;
            default -> "";
        };
        return type.letter() + " " + nameString() + extra;
    }
}
