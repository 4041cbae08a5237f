package org.pbsj.core.pxar.fs;

/**
 * How {@link PxarExtractor} restores. Ownership is restored only when running as root (it would
 * fail otherwise); {@code overwrite} replaces existing non-directory entries.
 *
 * @param filter programmatic filter: a rejected directory is skipped with its subtree
 * @param patterns PBS match patterns ({@code pxar extract --pattern}); empty = everything. With
 *     patterns, an entry is restored if the last pattern matching it includes it, or, if none
 *     matches, if its parent directory was; directories on the way to a restored entry are
 *     created even if they do not match themselves
 * @param deviceNodes restore device nodes; {@code fifos}, {@code sockets} likewise
 */
public record ExtractorOptions(boolean allowExistingDirs, boolean overwrite, EntryFilter filter, boolean xattrs,
        boolean acls, boolean fcaps, boolean flags, MatchList patterns, boolean deviceNodes, boolean fifos,
        boolean sockets) {

    public static final ExtractorOptions DEFAULTS = new ExtractorOptions(false, false, EntryFilter.ALL, true, true,
            true, true, MatchList.EMPTY, true, true, true);

    public ExtractorOptions {
        filter = filter == null ? EntryFilter.ALL : filter;
        patterns = patterns == null ? MatchList.EMPTY : patterns;
    }

    public ExtractorOptions withAllowExistingDirs(boolean allow) {
        return new ExtractorOptions(allow, overwrite, filter, xattrs, acls, fcaps, flags, patterns, deviceNodes, fifos,
                sockets);
    }

    public ExtractorOptions withOverwrite(boolean replace) {
        return new ExtractorOptions(allowExistingDirs, replace, filter, xattrs, acls, fcaps, flags, patterns,
                deviceNodes, fifos, sockets);
    }

    public ExtractorOptions withFilter(EntryFilter newFilter) {
        return new ExtractorOptions(allowExistingDirs, overwrite, newFilter, xattrs, acls, fcaps, flags, patterns,
                deviceNodes, fifos, sockets);
    }

    public ExtractorOptions withPatterns(MatchList newPatterns) {
        return new ExtractorOptions(allowExistingDirs, overwrite, filter, xattrs, acls, fcaps, flags, newPatterns,
                deviceNodes, fifos, sockets);
    }

    /** Which metadata to restore. */
    public ExtractorOptions withMetadata(boolean withXattrs, boolean withAcls, boolean withFcaps) {
        return new ExtractorOptions(allowExistingDirs, overwrite, filter, withXattrs, withAcls, withFcaps, flags,
                patterns, deviceNodes, fifos, sockets);
    }

    /** Which special files to restore. */
    public ExtractorOptions withSpecialFiles(boolean devices, boolean withFifos, boolean withSockets) {
        return new ExtractorOptions(allowExistingDirs, overwrite, filter, xattrs, acls, fcaps, flags, patterns,
                devices, withFifos, withSockets);
    }
}
