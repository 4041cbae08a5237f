package org.pbsj.core.pxar.fs;

/**
 * How {@link PxarExtractor} restores. Ownership is restored only when running as root (it would
 * fail otherwise); {@code overwrite} replaces existing non-directory entries.
 */
public record ExtractorOptions(boolean allowExistingDirs, boolean overwrite, EntryFilter filter, boolean xattrs,
        boolean acls, boolean fcaps, boolean flags) {

    public static final ExtractorOptions DEFAULTS =
            new ExtractorOptions(false, false, EntryFilter.ALL, true, true, true, true);

    public ExtractorOptions {
        filter = filter == null ? EntryFilter.ALL : filter;
    }

    public ExtractorOptions withAllowExistingDirs(boolean allow) {
        return new ExtractorOptions(allow, overwrite, filter, xattrs, acls, fcaps, flags);
    }

    public ExtractorOptions withOverwrite(boolean replace) {
        return new ExtractorOptions(allowExistingDirs, replace, filter, xattrs, acls, fcaps, flags);
    }

    public ExtractorOptions withFilter(EntryFilter newFilter) {
        return new ExtractorOptions(allowExistingDirs, overwrite, newFilter, xattrs, acls, fcaps, flags);
    }
}
