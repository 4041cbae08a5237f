package org.pbsj.core.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** datastore-jobs.md §3.4 (PBS tests/prune.rs), each vector in UTC and in Europe/Vienna. */
class PrunePlannerTest {

    /** Snapshot builder: "2019-11-15T10:39:15Z", optional suffixes " protected" / " unfinished". */
    static SnapshotInfo snap(String spec) {
        String time = spec.split(" ")[0];
        return new SnapshotInfo("host/elsa/" + time, Instant.parse(time).getEpochSecond(),
                !spec.contains("unfinished"), spec.contains("protected"));
    }

    static List<SnapshotInfo> snaps(String... specs) {
        List<SnapshotInfo> list = new ArrayList<>();
        for (String s : specs) {
            list.add(snap(s));
        }
        Collections.shuffle(list, new java.util.Random(42)); // input order must not matter
        return list;
    }

    private static List<String> withMark(List<PruneEntry> plan, boolean kept) {
        return plan.stream().filter(e -> e.mark().keep() == kept)
                .map(e -> e.snapshot().id().substring("host/elsa/".length())).sorted().toList();
    }

    private static final List<SnapshotInfo> PROTECTED_SET = snaps("2019-11-15T09:39:15Z protected",
            "2019-11-15T10:39:15Z", "2019-11-15T10:49:15Z", "2019-11-15T10:59:15Z protected");
    private static final List<SnapshotInfo> HOURLY_SET = snaps("2019-11-15T09:39:15Z", "2019-11-15T10:49:15Z",
            "2019-11-15T10:59:15Z", "2019-11-15T11:39:15Z", "2019-11-15T11:49:15Z", "2019-11-15T11:59:15Z");
    private static final List<SnapshotInfo> DAILY_SET = snaps("2018-11-15T11:59:15Z", "2019-11-15T11:59:15Z",
            "2019-11-21T11:59:15Z", "2019-11-22T11:59:15Z", "2019-11-29T11:59:15Z", "2019-12-01T11:59:15Z",
            "2019-12-02T11:59:15Z", "2019-12-03T11:59:15Z", "2019-12-04T11:59:15Z");
    private static final List<SnapshotInfo> LAST_SET = snaps("2019-12-02T11:59:15Z", "2019-12-03T11:59:15Z",
            "2019-12-04T11:59:15Z", "2019-12-04T12:59:15Z");

    private static KeepOptions keep(int last, int hourly, int daily, int weekly, int monthly, int yearly) {
        return new KeepOptions(last, hourly, daily, weekly, monthly, yearly);
    }

    static Stream<Arguments> removedVectors() {
        return Stream.of(
                Arguments.of(PROTECTED_SET, keep(1, 0, 0, 0, 0, 0), List.of("2019-11-15T10:39:15Z")),
                Arguments.of(PROTECTED_SET, keep(0, 1, 0, 0, 0, 0), List.of("2019-11-15T10:39:15Z")),
                Arguments.of(HOURLY_SET, keep(0, 3, 0, 0, 0, 0),
                        List.of("2019-11-15T10:49:15Z", "2019-11-15T11:39:15Z", "2019-11-15T11:49:15Z")),
                Arguments.of(LAST_SET, keep(4, 0, 0, 0, 0, 0), List.of()),
                Arguments.of(LAST_SET, keep(3, 0, 0, 0, 0, 0), List.of("2019-12-02T11:59:15Z")),
                Arguments.of(LAST_SET, keep(2, 0, 0, 0, 0, 0), List.of("2019-12-02T11:59:15Z", "2019-12-03T11:59:15Z")),
                Arguments.of(LAST_SET, keep(1, 0, 0, 0, 0, 0),
                        List.of("2019-12-02T11:59:15Z", "2019-12-03T11:59:15Z", "2019-12-04T11:59:15Z")),
                Arguments.of(LAST_SET, keep(0, 0, 0, 0, 0, 0), List.of("2019-12-02T11:59:15Z", "2019-12-03T11:59:15Z",
                        "2019-12-04T11:59:15Z", "2019-12-04T12:59:15Z")),
                Arguments.of(LAST_SET, keep(2, 0, 2, 0, 0, 0), List.of()),
                Arguments.of(LAST_SET, keep(0, 0, 3, 0, 0, 0), List.of("2019-12-04T11:59:15Z")),
                Arguments.of(LAST_SET, keep(0, 0, 2, 0, 0, 0), List.of("2019-12-02T11:59:15Z", "2019-12-04T11:59:15Z")),
                Arguments.of(LAST_SET, keep(0, 0, 0, 5, 0, 0), threeOld()),
                Arguments.of(LAST_SET, keep(0, 0, 0, 0, 6, 0), threeOld()),
                Arguments.of(LAST_SET, keep(0, 0, 0, 0, 0, 7), threeOld()),
                Arguments.of(LAST_SET, keep(0, 0, 1, 5, 0, 0), threeOld()),
                Arguments.of(LAST_SET, keep(0, 0, 0, 5, 6, 7), threeOld()));
    }

    private static List<String> threeOld() {
        return List.of("2019-12-02T11:59:15Z", "2019-12-03T11:59:15Z", "2019-12-04T11:59:15Z");
    }

    static Stream<Arguments> keptVectors() {
        return Stream.of(
                Arguments.of(HOURLY_SET, keep(0, 2, 0, 0, 0, 0), List.of("2019-11-15T10:59:15Z", "2019-11-15T11:59:15Z")),
                Arguments.of(DAILY_SET, keep(0, 0, 1, 0, 0, 0), List.of("2019-12-04T11:59:15Z")),
                Arguments.of(DAILY_SET, keep(1, 0, 1, 0, 0, 0), List.of("2019-12-03T11:59:15Z", "2019-12-04T11:59:15Z")),
                Arguments.of(DAILY_SET, keep(0, 0, 1, 1, 0, 0), List.of("2019-12-01T11:59:15Z", "2019-12-04T11:59:15Z")),
                Arguments.of(DAILY_SET, keep(0, 0, 1, 1, 1, 0),
                        List.of("2019-11-22T11:59:15Z", "2019-12-01T11:59:15Z", "2019-12-04T11:59:15Z")),
                Arguments.of(DAILY_SET, keep(0, 0, 0, 0, 1, 1), List.of("2018-11-15T11:59:15Z", "2019-12-04T11:59:15Z")));
    }

    @ParameterizedTest(name = "{1} in {3}")
    @MethodSource("removedVectorsInZones")
    void removedSnapshots(List<SnapshotInfo> snapshots, KeepOptions keep, List<String> removed, ZoneId zone) {
        assertEquals(removed, withMark(PrunePlanner.plan(snapshots, keep, zone), false));
    }

    @ParameterizedTest(name = "{1} in {3}")
    @MethodSource("keptVectorsInZones")
    void keptSnapshots(List<SnapshotInfo> snapshots, KeepOptions keep, List<String> kept, ZoneId zone) {
        assertEquals(kept, withMark(PrunePlanner.plan(snapshots, keep, zone), true));
    }

    static Stream<Arguments> removedVectorsInZones() {
        return inZones(removedVectors());
    }

    static Stream<Arguments> keptVectorsInZones() {
        return inZones(keptVectors());
    }

    private static Stream<Arguments> inZones(Stream<Arguments> vectors) {
        List<Arguments> all = vectors.toList();
        return Stream.of(ZoneId.of("UTC"), ZoneId.of("Europe/Vienna")).flatMap(zone -> all.stream()
                .map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], zone)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Vienna"})
    void protectedSnapshotsAreMarkedProtected(String zone) {
        List<PruneEntry> plan = PrunePlanner.plan(PROTECTED_SET, keep(1, 0, 0, 0, 0, 0), ZoneId.of(zone));
        assertEquals(List.of(PruneMark.PROTECTED, PruneMark.KEEP, PruneMark.REMOVE, PruneMark.PROTECTED),
                plan.stream().map(PruneEntry::mark).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Vienna"})
    void unfinishedSnapshots(String zone) {
        List<PruneEntry> plan = PrunePlanner.plan(snaps("2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z unfinished",
                "2020-01-03T00:00:00Z", "2020-01-04T00:00:00Z unfinished"), keep(1, 0, 0, 0, 0, 0), ZoneId.of(zone));
        assertEquals(List.of("host/elsa/2020-01-04T00:00:00Z", "host/elsa/2020-01-03T00:00:00Z",
                "host/elsa/2020-01-02T00:00:00Z", "host/elsa/2020-01-01T00:00:00Z"),
                plan.stream().map(e -> e.snapshot().id()).toList(), "newest first");
        assertEquals(List.of(PruneMark.KEEP_PARTIAL, PruneMark.KEEP, PruneMark.REMOVE, PruneMark.REMOVE),
                plan.stream().map(PruneEntry::mark).toList());
        assertEquals(List.of("keep-partial", "keep", "remove", "remove"),
                plan.stream().map(e -> e.mark().toString()).toList());
    }

    @Test
    void removalListIsOldestFirstAndEmptyWhenNothingIsKept() {
        KeepOptions keepOne = keep(1, 0, 0, 0, 0, 0);
        List<PruneEntry> plan = PrunePlanner.plan(LAST_SET, keepOne, ZoneId.of("UTC"));
        assertEquals(List.of(1575287955L, 1575374355L, 1575460755L),
                PrunePlanner.toRemove(plan, keepOne).stream().map(SnapshotInfo::backupTime).toList());

        List<PruneEntry> keepNothing = PrunePlanner.plan(LAST_SET, KeepOptions.NONE, ZoneId.of("UTC"));
        assertTrue(keepNothing.stream().allMatch(e -> e.mark() == PruneMark.REMOVE));
        assertEquals(List.of(), PrunePlanner.toRemove(keepNothing, KeepOptions.NONE));
    }

    @Test
    void emptyGroup() {
        assertEquals(List.of(), PrunePlanner.plan(List.of(), keep(1, 1, 1, 1, 1, 1), ZoneId.of("UTC")));
    }

    @Test
    void hourBoundaryFollowsTheZone() {
        // 10:59:15Z and 11:00:15Z are different hours in UTC; in +05:30 they are 16:29 and 16:30
        List<SnapshotInfo> two = snaps("2019-11-15T10:59:15Z", "2019-11-15T11:00:15Z");
        assertEquals(List.of(), withMark(PrunePlanner.plan(two, keep(0, 2, 0, 0, 0, 0), ZoneId.of("UTC")), false));
        assertEquals(List.of("2019-11-15T10:59:15Z"),
                withMark(PrunePlanner.plan(two, keep(0, 2, 0, 0, 0, 0), ZoneId.of("Asia/Kolkata")), false));
    }

    @Test
    void weeklyUsesIsoWeekBasedYear() {
        // 2019-12-30 (Mon) and 2020-01-02 belong to ISO week 2020/01; 2019-12-29 to 2019/52
        List<SnapshotInfo> s = snaps("2019-12-29T12:00:00Z", "2019-12-30T12:00:00Z", "2020-01-02T12:00:00Z");
        assertEquals(List.of("2019-12-30T12:00:00Z"),
                withMark(PrunePlanner.plan(s, keep(0, 0, 0, 5, 0, 0), ZoneId.of("UTC")), false));
    }

    @Test
    void keepOptions() {
        assertFalse(KeepOptions.NONE.keepsSomething());
        assertTrue(KeepOptions.NONE.withKeepYearly(1).keepsSomething());
        assertEquals(keep(1, 2, 3, 4, 5, 6), KeepOptions.NONE.withKeepLast(1).withKeepHourly(2).withKeepDaily(3)
                .withKeepWeekly(4).withKeepMonthly(5).withKeepYearly(6));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> keep(-1, 0, 0, 0, 0, 0));
    }

    @Test
    void keepReasonsNameTheFirstRuleThatKept() {
        List<SnapshotInfo> s = new ArrayList<>(DAILY_SET);
        s.add(snap("2019-11-20T11:59:15Z protected"));
        java.util.Map<String, String> r = PrunePlanner.keepReasons(s, keep(2, 0, 3, 0, 0, 1), ZoneId.of("UTC"));
        java.util.Map<String, String> named = new java.util.TreeMap<>();
        r.forEach((id, why) -> named.put(id.substring("host/elsa/".length()), why));
        assertEquals(java.util.Map.of("2019-12-04T11:59:15Z", "keep-last", "2019-12-03T11:59:15Z", "keep-last",
                "2019-12-02T11:59:15Z", "keep-daily", "2019-12-01T11:59:15Z", "keep-daily",
                "2019-11-29T11:59:15Z", "keep-daily", "2018-11-15T11:59:15Z", "keep-yearly",
                "2019-11-20T11:59:15Z", "protected"), named);
        // exactly the snapshots the plan keeps have a reason
        assertEquals(withMark(PrunePlanner.plan(s, keep(2, 0, 3, 0, 0, 1), ZoneId.of("UTC")), true),
                List.copyOf(named.keySet()));
    }
}
