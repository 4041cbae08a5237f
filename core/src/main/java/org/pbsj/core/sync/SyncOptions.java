package org.pbsj.core.sync;

import java.util.Objects;
import java.util.function.Predicate;

import org.pbsj.core.datastore.BackupNamespace;

/**
 * Parameters of one pull ({@code datastore-jobs.md} §4.1).
 *
 * @param ns                 target anchor namespace
 * @param remoteNs           source anchor namespace
 * @param maxDepth           namespace recursion below the anchors (0 = only the anchor), null = unlimited
 * @param owner              local owner of the synced groups (new groups get it; others must have it)
 * @param groupFilter        which source groups are pulled
 * @param removeVanished     delete local snapshots, groups and namespaces that the source no longer has
 * @param transferLast       pull only the newest N snapshots of each group (null = all)
 * @param rateIn             download limit in bytes/s (0 = unlimited)
 * @param burstIn            token bucket size in bytes (0 = one second of {@code rateIn})
 * @param namespaceRemovable remove-vanished may delete this local namespace (the server checks privileges)
 */
public record SyncOptions(BackupNamespace ns, BackupNamespace remoteNs, Integer maxDepth, String owner,
        GroupFilter groupFilter, boolean removeVanished, Integer transferLast, long rateIn, long burstIn,
        Predicate<BackupNamespace> namespaceRemovable) {

    public SyncOptions {
        ns = ns == null ? BackupNamespace.ROOT : ns;
        remoteNs = remoteNs == null ? BackupNamespace.ROOT : remoteNs;
        Objects.requireNonNull(owner, "owner");
        groupFilter = groupFilter == null ? GroupFilter.ALL : groupFilter;
        namespaceRemovable = namespaceRemovable == null ? n -> true : namespaceRemovable;
        if (maxDepth != null && (maxDepth < 0 || maxDepth > BackupNamespace.MAX_DEPTH)) {
            throw new IllegalArgumentException("max-depth must be between 0 and " + BackupNamespace.MAX_DEPTH);
        }
        if (transferLast != null && transferLast < 1) {
            throw new IllegalArgumentException("transfer-last must be at least 1");
        }
        if (rateIn < 0 || burstIn < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
    }

    /** Everything from the source root into the target root, owned by {@code owner}. */
    public static SyncOptions defaults(String owner) {
        return new SyncOptions(null, null, null, owner, null, false, null, 0, 0, null);
    }

    public SyncOptions withRemoveVanished(boolean remove) {
        return new SyncOptions(ns, remoteNs, maxDepth, owner, groupFilter, remove, transferLast, rateIn, burstIn,
                namespaceRemovable);
    }

    public SyncOptions withTransferLast(Integer n) {
        return new SyncOptions(ns, remoteNs, maxDepth, owner, groupFilter, removeVanished, n, rateIn, burstIn,
                namespaceRemovable);
    }

    public SyncOptions withGroupFilter(GroupFilter f) {
        return new SyncOptions(ns, remoteNs, maxDepth, owner, f, removeVanished, transferLast, rateIn, burstIn,
                namespaceRemovable);
    }

    public SyncOptions withNamespaces(BackupNamespace target, BackupNamespace source, Integer depth) {
        return new SyncOptions(target, source, depth, owner, groupFilter, removeVanished, transferLast, rateIn, burstIn,
                namespaceRemovable);
    }

    /** Levels to recurse below the source anchor: {@code max-depth}, or all that fit below both anchors. */
    public int effectiveDepth() {
        int room = BackupNamespace.MAX_DEPTH - Math.max(ns.depth(), remoteNs.depth());
        return maxDepth == null ? Math.max(0, room) : maxDepth;
    }

    /** The target namespace of a source namespace: the source anchor prefix replaced by the target anchor. */
    public BackupNamespace map(BackupNamespace source) {
        if (!remoteNs.contains(source)) {
            throw new IllegalArgumentException("namespace '" + source + "' is not below the source anchor '" + remoteNs + "'");
        }
        BackupNamespace out = ns;
        for (String c : source.components().subList(remoteNs.depth(), source.depth())) {
            out = out.child(c);
        }
        return out;
    }
}
