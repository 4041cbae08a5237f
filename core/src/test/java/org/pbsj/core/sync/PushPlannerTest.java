package org.pbsj.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class PushPlannerTest {

    @Test
    void everythingGoesToAnEmptyTarget() {
        PushPlanner.GroupPlan p = PushPlanner.planGroup(List.of(30L, 10L, 20L), OptionalLong.empty(), null);
        assertEquals(List.of(10L, 20L, 30L), p.push());
        assertEquals(0, p.skippedAlreadySynced());
    }

    @Test
    void snapshotsUpToTheTargetsNewestAreSkippedIncludingThatOne() {
        PushPlanner.GroupPlan p = PushPlanner.planGroup(List.of(10L, 20L, 30L), OptionalLong.of(20), null);
        assertEquals(List.of(30L), p.push());
        assertEquals(2, p.skippedAlreadySynced());
    }

    @Test
    void transferLastKeepsTheNewestN() {
        PushPlanner.GroupPlan p = PushPlanner.planGroup(List.of(10L, 20L, 30L, 40L), OptionalLong.of(10), 2);
        assertEquals(List.of(30L, 40L), p.push());
        assertEquals(1, p.skippedAlreadySynced());
        assertEquals(1, p.skippedTransferLast());
    }
}
