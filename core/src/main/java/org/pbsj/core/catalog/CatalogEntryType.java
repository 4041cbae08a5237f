package org.pbsj.core.catalog;

/**
 * Entry types of a catalog ({@code index-formats.md} §5.3), each stored as one ASCII letter.
 * Only {@link #DIRECTORY} and {@link #FILE} carry data after the name.
 */
public enum CatalogEntryType {
    DIRECTORY('d'),
    FILE('f'),
    SYMLINK('l'),
    HARDLINK('h'),
    BLOCK_DEVICE('b'),
    CHAR_DEVICE('c'),
    FIFO('p'),
    SOCKET('s');

    private final char letter;

    CatalogEntryType(char letter) {
        this.letter = letter;
    }

    /** The type byte as stored (and as the PBS catalog API renders it). */
    public char letter() {
        return letter;
    }

    /** The type for a stored byte, or null if it is none of the eight letters. */
    public static CatalogEntryType fromByte(int b) {
        for (CatalogEntryType t : values()) {
            if (t.letter == b) {
                return t;
            }
        }
        return null;
    }
}
