package org.pbsj.core.pxar.fs;

import java.nio.charset.StandardCharsets;

import org.pbsj.core.pxar.EntryKind;

/**
 * Decides which entries the archiver stores and the extractor restores. A rejected directory is
 * skipped with its whole subtree. PBS match patterns ({@code --exclude}, {@code .pxarexclude},
 * {@code --pattern}) are {@link MatchList}s in {@link ArchiverOptions#patterns()} and
 * {@link ExtractorOptions#patterns()}; this filter applies in addition to them.
 */
@FunctionalInterface
public interface EntryFilter {
    EntryFilter ALL = (path, kind) -> true;

    /**
     * @param path archive path of the entry, "/dir/name" (raw bytes)
     * @param kind its kind
     */
    boolean include(byte[] path, EntryKind kind);

    /** Only {@code prefix} itself, its ancestors and everything below it (e.g. restore one subtree). */
    static EntryFilter subtree(String prefix) {
        String p = prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
        return (path, kind) -> {
            String s = new String(path, StandardCharsets.UTF_8);
            return s.equals(p) || s.startsWith(p + "/") || p.startsWith(s + "/") || p.equals("/") || s.equals("/");
        };
    }
}
