package org.pbsj.core.pxar.fs;

/**
 * What {@link PxarArchiver} stores. Defaults follow the PBS client: everything on, other file
 * systems skipped (their mount point directory is stored empty), at most 1 Mi entries.
 */
public record ArchiverOptions(boolean xattrs, boolean acls, boolean fcaps, boolean deviceNodes, boolean fifos,
        boolean sockets, boolean crossMounts, long entriesMax, EntryFilter filter) {

    public static final long DEFAULT_ENTRIES_MAX = 1024 * 1024;
    public static final ArchiverOptions DEFAULTS =
            new ArchiverOptions(true, true, true, true, true, true, false, DEFAULT_ENTRIES_MAX, EntryFilter.ALL);

    public ArchiverOptions {
        if (entriesMax <= 0) {
            throw new IllegalArgumentException("entriesMax must be positive");
        }
        filter = filter == null ? EntryFilter.ALL : filter;
    }

    public ArchiverOptions withoutXattrs() {
        return new ArchiverOptions(false, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter);
    }

    public ArchiverOptions withoutAcls() {
        return new ArchiverOptions(xattrs, false, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter);
    }

    public ArchiverOptions withoutFcaps() {
        return new ArchiverOptions(xattrs, acls, false, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter);
    }

    public ArchiverOptions withoutSpecialFiles() {
        return new ArchiverOptions(xattrs, acls, fcaps, false, false, false, crossMounts, entriesMax, filter);
    }

    public ArchiverOptions withCrossMounts(boolean cross) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, cross, entriesMax, filter);
    }

    public ArchiverOptions withEntriesMax(long max) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, max, filter);
    }

    public ArchiverOptions withFilter(EntryFilter newFilter) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax, newFilter);
    }
}
