package org.pbsj.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The pure decisions of a push (PBS 3.3 push sync): which local snapshots of a group go to the
 * target. No I/O; the {@link Pusher} applies the plan. Remove-vanished uses
 * {@link PullPlanner#vanishedSnapshots} and {@link PullPlanner#vanishedGroups} with the roles
 * of source and target swapped.
 */
public final class PushPlanner {
    private PushPlanner() {
    }

    /**
     * The plan for one group.
     *
     * @param push                 snapshot times to transfer, oldest first
     * @param skippedAlreadySynced local snapshots not newer than the target's newest one
     * @param skippedTransferLast  local snapshots left out by {@code transfer-last}
     */
    public record GroupPlan(List<Long> push, int skippedAlreadySynced, int skippedTransferLast) {
    }

    /**
     * Snapshots to push: every finished local one newer than the target's newest snapshot
     * ({@code lastRemote}); with {@code transferLast} N only the newest N of the group. Unlike a
     * pull, the target's newest snapshot is never sent again (a finished backup session cannot be
     * reopened).
     */
    public static GroupPlan planGroup(List<Long> localFinished, OptionalLong lastRemote, Integer transferLast) {
        List<Long> times = localFinished.stream().distinct().sorted().toList();
        int cutoff = transferLast == null ? 0 : Math.max(0, times.size() - transferLast);
        List<Long> push = new ArrayList<>();
        int already = 0;
        int notLast = 0;
        for (int pos = 0; pos < times.size(); pos++) {
            long t = times.get(pos);
            if (lastRemote.isPresent() && t <= lastRemote.getAsLong()) {
                already++;
            } else if (pos < cutoff) {
                notLast++;
            } else {
                push.add(t);
            }
        }
        return new GroupPlan(List.copyOf(push), already, notLast);
    }
}
