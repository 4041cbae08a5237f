package org.pbsj.core.pxar;

/** What a decoded {@link Entry} is. {@link #GOODBYE} marks the end of a directory's children. */
public enum EntryKind {
    DIRECTORY, FILE, SYMLINK, HARDLINK, DEVICE, FIFO, SOCKET, GOODBYE;

    /** The kind of an ENTRY with this {@code st_mode}, or null for an unknown file type. */
    public static EntryKind ofMode(long mode) {
        long type = mode & PxarFormat.IFMT;
        if (type == PxarFormat.IFDIR) {
            return DIRECTORY;
        } else if (type == PxarFormat.IFREG) {
            return FILE;
        } else if (type == PxarFormat.IFLNK) {
            return SYMLINK;
        } else if (type == PxarFormat.IFCHR || type == PxarFormat.IFBLK) {
            return DEVICE;
        } else if (type == PxarFormat.IFIFO) {
            return FIFO;
        } else if (type == PxarFormat.IFSOCK) {
            return SOCKET;
        }
        return null;
    }
}
