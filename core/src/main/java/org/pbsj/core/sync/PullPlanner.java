package org.pbsj.core.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;

/**
 * The pure decisions of a pull ({@code datastore-jobs.md} §4.2 step 4 and §6): which source
 * snapshots of a group to transfer, and what {@code remove-vanished} deletes. No I/O; the
 * {@link Puller} applies the plans.
 */
public final class PullPlanner {
    private PullPlanner() {
    }

    /**
     * The plan for one group.
     *
     * @param pull                 snapshot times to transfer, oldest first
     * @param skippedOlder         finished source snapshots older than the newest local one
     * @param skippedTransferLast  finished source snapshots left out by {@code transfer-last}
     * @param sourceTimes          times of all finished source snapshots (what remove-vanished keeps)
     */
    public record GroupPlan(List<Long> pull, int skippedOlder, int skippedTransferLast, Set<Long> sourceTimes) {
    }

    /**
     * Snapshots to pull: unfinished ones never; those older than {@code lastSync} (the newest
     * local finished snapshot) are skipped, the one at {@code lastSync} is pulled again (a late
     * client log); with {@code transferLast} N all but the last N are skipped, except the one at
     * {@code lastSync}.
     */
    public static GroupPlan planGroup(List<SyncSource.SourceSnapshot> source, OptionalLong lastSync, Integer transferLast) {
        List<Long> finished = source.stream().filter(SyncSource.SourceSnapshot::finished)
                .map(s -> s.dir().time()).distinct().sorted().toList();
        int cutoff = transferLast == null ? 0 : Math.max(0, finished.size() - transferLast);
        List<Long> pull = new ArrayList<>();
        int older = 0;
        int notLast = 0;
        for (int pos = 0; pos < finished.size(); pos++) {
            long t = finished.get(pos);
            if (lastSync.isPresent() && t < lastSync.getAsLong()) {
                older++;
                continue;
            }
            boolean isLastSync = lastSync.isPresent() && t == lastSync.getAsLong();
            if (pos < cutoff && !isLastSync) {
                notLast++;
                continue;
            }
            pull.add(t);
        }
        return new GroupPlan(List.copyOf(pull), older, notLast, Set.copyOf(finished));
    }

    /** Local snapshot times the source no longer has (remove-vanished, per group). */
    public static List<Long> vanishedSnapshots(List<Long> localTimes, Set<Long> sourceTimes) {
        return localTimes.stream().filter(t -> !sourceTimes.contains(t)).sorted().toList();
    }

    /**
     * Local groups of a namespace that the source no longer has and that remove-vanished may
     * delete: those passing the group filter (others were never synced by this job).
     */
    public static List<BackupGroup> vanishedGroups(List<BackupGroup> local, Set<String> sourceGroups, GroupFilter filter) {
        return local.stream().filter(g -> !sourceGroups.contains(key(g)) && filter.matches(g))
                .sorted(BackupGroup.ORDER).toList();
    }

    /** A group's identity inside its namespace: {@code <type>/<id>}. */
    public static String key(BackupGroup g) {
        return g.type().value() + "/" + g.id();
    }

    /** PBS processes groups sorted by type, then id string. */
    public static List<BackupGroup> sortGroups(List<BackupGroup> groups) {
        List<BackupGroup> out = new ArrayList<>(groups);
        out.sort(Comparator.comparing((BackupGroup g) -> g.type().order()).thenComparing(BackupGroup::id));
        return out;
    }

    /** Remaining namespaces of the source under its anchor, by name length (parents first) as PBS does. */
    public static List<BackupNamespace> sortNamespaces(List<BackupNamespace> namespaces) {
        List<BackupNamespace> out = new ArrayList<>(new HashSet<>(namespaces));
        out.sort(Comparator.comparingInt((BackupNamespace n) -> n.toString().length())
                .thenComparing(n -> n.toString()));
        return out;
    }
}
