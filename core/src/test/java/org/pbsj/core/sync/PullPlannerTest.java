package org.pbsj.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupType;

class PullPlannerTest {
    private static final BackupGroup G = BackupGroup.of(BackupType.HOST, "a");

    private static List<SyncSource.SourceSnapshot> source(long... times) {
        return java.util.Arrays.stream(times).mapToObj(t -> new SyncSource.SourceSnapshot(new BackupDir(G, Math.abs(t)), t > 0))
                .toList();
    }

    @Test
    void everythingWithoutLocalSnapshots() {
        PullPlanner.GroupPlan p = PullPlanner.planGroup(source(30, 10, 20), OptionalLong.empty(), null);
        assertEquals(List.of(10L, 20L, 30L), p.pull());
    }

    @Test
    void olderThanTheNewestLocalAreSkippedAndItIsPulledAgain() {
        PullPlanner.GroupPlan p = PullPlanner.planGroup(source(10, 20, 30), OptionalLong.of(20), null);
        assertEquals(List.of(20L, 30L), p.pull());
        assertEquals(1, p.skippedOlder());
    }

    @Test
    void unfinishedAreNeverPulledNorKeptByRemoveVanished() {
        PullPlanner.GroupPlan p = PullPlanner.planGroup(source(10, -20), OptionalLong.empty(), null);
        assertEquals(List.of(10L), p.pull());
        assertEquals(Set.of(10L), p.sourceTimes());
    }

    @Test
    void transferLastKeepsTheLastNAndTheLastSyncedOne() {
        assertEquals(List.of(30L, 40L), PullPlanner.planGroup(source(10, 20, 30, 40), OptionalLong.empty(), 2).pull());
        PullPlanner.GroupPlan p = PullPlanner.planGroup(source(10, 20, 30, 40), OptionalLong.of(20), 1);
        assertEquals(List.of(20L, 40L), p.pull());
        assertEquals(1, p.skippedOlder());
        assertEquals(1, p.skippedTransferLast());
    }

    @Test
    void vanished() {
        assertEquals(List.of(5L, 15L), PullPlanner.vanishedSnapshots(List.of(15L, 10L, 5L), Set.of(10L)));
        BackupGroup keep = BackupGroup.of(BackupType.HOST, "keep");
        BackupGroup gone = BackupGroup.of(BackupType.VM, "gone");
        BackupGroup filtered = BackupGroup.of(BackupType.CT, "other");
        assertEquals(List.of(gone), PullPlanner.vanishedGroups(List.of(keep, gone, filtered), Set.of("host/keep"),
                GroupFilter.parse(List.of("exclude:type:ct"))));
    }
}
