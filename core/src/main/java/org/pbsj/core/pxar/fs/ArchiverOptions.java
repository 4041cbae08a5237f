package org.pbsj.core.pxar.fs;

/**
 * What {@link PxarArchiver} stores. Defaults follow the PBS client: everything on, other file
 * systems skipped (their mount point directory is stored empty), at most 1 Mi entries held at
 * once, {@code .pxarexclude} files honoured, no command-line patterns.
 *
 * @param entriesMax limit on the entries held in memory at once, counted as PBS does: the
 *     directory listings along the current path (not the total of the archive)
 * @param filter programmatic filter, applied after the patterns
 * @param patterns command-line exclude patterns ({@code --exclude}); when not empty, a version 1
 *     archive gets a {@code .pxarexclude-cli} file listing them as the root's last entry
 * @param pxarExcludeFiles read {@code .pxarexclude} files in every directory (PBS always does)
 */
public record ArchiverOptions(boolean xattrs, boolean acls, boolean fcaps, boolean deviceNodes, boolean fifos,
        boolean sockets, boolean crossMounts, long entriesMax, EntryFilter filter, MatchList patterns,
        boolean pxarExcludeFiles) {

    public static final long DEFAULT_ENTRIES_MAX = 1024 * 1024;
    public static final ArchiverOptions DEFAULTS = new ArchiverOptions(true, true, true, true, true, true, false,
            DEFAULT_ENTRIES_MAX, EntryFilter.ALL, MatchList.EMPTY, true);

    public ArchiverOptions {
        if (entriesMax <= 0) {
            throw new IllegalArgumentException("entriesMax must be positive");
        }
        filter = filter == null ? EntryFilter.ALL : filter;
        patterns = patterns == null ? MatchList.EMPTY : patterns;
    }

    public ArchiverOptions withoutXattrs() {
        return new ArchiverOptions(false, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter,
                patterns, pxarExcludeFiles);
    }

    public ArchiverOptions withoutAcls() {
        return new ArchiverOptions(xattrs, false, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter,
                patterns, pxarExcludeFiles);
    }

    public ArchiverOptions withoutFcaps() {
        return new ArchiverOptions(xattrs, acls, false, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter,
                patterns, pxarExcludeFiles);
    }

    public ArchiverOptions withoutSpecialFiles() {
        return withSpecialFiles(false, false, false);
    }

    /** Which special files to store. */
    public ArchiverOptions withSpecialFiles(boolean devices, boolean withFifos, boolean withSockets) {
        return new ArchiverOptions(xattrs, acls, fcaps, devices, withFifos, withSockets, crossMounts, entriesMax,
                filter, patterns, pxarExcludeFiles);
    }

    public ArchiverOptions withCrossMounts(boolean cross) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, cross, entriesMax, filter,
                patterns, pxarExcludeFiles);
    }

    public ArchiverOptions withEntriesMax(long max) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, max, filter,
                patterns, pxarExcludeFiles);
    }

    public ArchiverOptions withFilter(EntryFilter newFilter) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax,
                newFilter, patterns, pxarExcludeFiles);
    }

    public ArchiverOptions withPatterns(MatchList newPatterns) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter,
                newPatterns, pxarExcludeFiles);
    }

    public ArchiverOptions withPxarExcludeFiles(boolean read) {
        return new ArchiverOptions(xattrs, acls, fcaps, deviceNodes, fifos, sockets, crossMounts, entriesMax, filter,
                patterns, read);
    }
}
