package org.pbsj.core.sync;

import java.util.Optional;

import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;

/**
 * Parameters of one push (PBS 3.3 {@code sync-direction push}): a local source anchor, the
 * target's anchor, and the same filters as a pull. The privilege checks stay with the caller,
 * which hands them in as {@link SourceAccess} and {@link TargetAccess}.
 *
 * @param ns             local source anchor namespace
 * @param remoteNs       target anchor namespace on the remote
 * @param maxDepth       namespace recursion below the anchors (0 = only the anchor), null = unlimited
 * @param groupFilter    which local groups are pushed
 * @param removeVanished delete target snapshots, groups and namespaces that are gone locally
 * @param transferLast   push only the newest N snapshots of each group (null = all)
 * @param rateOut        upload limit in bytes/s (0 = unlimited)
 * @param burstOut       token bucket size in bytes (0 = one second of {@code rateOut})
 * @param source         what the local user may read
 * @param target         what the local user may do on the remote datastore
 */
public record PushOptions(BackupNamespace ns, BackupNamespace remoteNs, Integer maxDepth, GroupFilter groupFilter,
        boolean removeVanished, Integer transferLast, long rateOut, long burstOut, SourceAccess source,
        TargetAccess target) {

    /** Local read access: which namespaces are listed and which of their groups are pushed. */
    public interface SourceAccess {
        SourceAccess ALL = new SourceAccess() {
            @Override
            public boolean namespace(BackupNamespace ns) {
                return true;
            }

            @Override
            public boolean group(BackupGroup group, Optional<String> owner) {
                return true;
            }
        };

        boolean namespace(BackupNamespace ns);

        boolean group(BackupGroup group, Optional<String> owner);
    }

    /** What a push does on a target namespace (PBS's Remote.Datastore* privileges). */
    public enum TargetOperation {
        /** Remote.DatastoreBackup: add snapshots. */
        BACKUP,
        /** Remote.DatastoreModify: create and remove namespaces. */
        MODIFY,
        /** Remote.DatastorePrune: remove snapshots and groups. */
        PRUNE
    }

    /** Whether the local user may do an operation on a target namespace. */
    @FunctionalInterface
    public interface TargetAccess {
        TargetAccess ALL = (ns, op) -> true;

        boolean allows(BackupNamespace targetNs, TargetOperation op);
    }

    public PushOptions {
        ns = ns == null ? BackupNamespace.ROOT : ns;
        remoteNs = remoteNs == null ? BackupNamespace.ROOT : remoteNs;
        groupFilter = groupFilter == null ? GroupFilter.ALL : groupFilter;
        source = source == null ? SourceAccess.ALL : source;
        target = target == null ? TargetAccess.ALL : target;
        if (maxDepth != null && (maxDepth < 0 || maxDepth > BackupNamespace.MAX_DEPTH)) {
            throw new IllegalArgumentException("max-depth must be between 0 and " + BackupNamespace.MAX_DEPTH);
        }
        if (transferLast != null && transferLast < 1) {
            throw new IllegalArgumentException("transfer-last must be at least 1");
        }
        if (rateOut < 0 || burstOut < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
    }

    /** Everything from the local root into the target root, no limits. */
    public static PushOptions defaults() {
        return new PushOptions(null, null, null, null, false, null, 0, 0, null, null);
    }

    public PushOptions withRemoveVanished(boolean remove) {
        return new PushOptions(ns, remoteNs, maxDepth, groupFilter, remove, transferLast, rateOut, burstOut, source, target);
    }

    public PushOptions withTransferLast(Integer n) {
        return new PushOptions(ns, remoteNs, maxDepth, groupFilter, removeVanished, n, rateOut, burstOut, source, target);
    }

    public PushOptions withGroupFilter(GroupFilter f) {
        return new PushOptions(ns, remoteNs, maxDepth, f, removeVanished, transferLast, rateOut, burstOut, source, target);
    }

    public PushOptions withNamespaces(BackupNamespace local, BackupNamespace remote, Integer depth) {
        return new PushOptions(local, remote, depth, groupFilter, removeVanished, transferLast, rateOut, burstOut, source,
                target);
    }

    public PushOptions withAccess(SourceAccess s, TargetAccess t) {
        return new PushOptions(ns, remoteNs, maxDepth, groupFilter, removeVanished, transferLast, rateOut, burstOut, s, t);
    }

    /** Levels to recurse below the local anchor: {@code max-depth}, or all that fit below both anchors. */
    public int effectiveDepth() {
        int room = BackupNamespace.MAX_DEPTH - Math.max(ns.depth(), remoteNs.depth());
        return maxDepth == null ? Math.max(0, room) : maxDepth;
    }

    /** The target namespace of a local namespace: the local anchor prefix replaced by the target anchor. */
    public BackupNamespace map(BackupNamespace local) {
        if (!ns.contains(local)) {
            throw new IllegalArgumentException("namespace '" + local + "' is not below the source anchor '" + ns + "'");
        }
        BackupNamespace out = remoteNs;
        for (String c : local.components().subList(ns.depth(), local.depth())) {
            out = out.child(c);
        }
        return out;
    }
}
