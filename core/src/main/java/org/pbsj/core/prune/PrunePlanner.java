package org.pbsj.core.prune;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * PBS {@code compute_prune_info} ({@code datastore-jobs.md} §3.2): a pure function from the
 * snapshots of one backup group and the keep options to a mark per snapshot. Deleting is the
 * caller's business (see {@link #toRemove}).
 */
public final class PrunePlanner {
    private PrunePlanner() {
    }

    /**
     * Marks every snapshot of one group.
     *
     * @param snapshots all snapshots of the group, finished or not, in any order
     * @param keep      retention rules; rules are applied last, hourly, daily, weekly, monthly, yearly
     * @param zone      the server's time zone, which decides hour/day/week/month/year boundaries
     * @return one entry per snapshot, newest first
     */
    public static List<PruneEntry> plan(List<SnapshotInfo> snapshots, KeepOptions keep, ZoneId zone) {
        List<SnapshotInfo> list = new ArrayList<>(snapshots);
        list.sort(Comparator.comparingLong(SnapshotInfo::backupTime).reversed());
        PruneMark[] mark = new PruneMark[list.size()];

        // only an unfinished newest snapshot may be a running backup; older unfinished ones are junk
        boolean keepUnfinished = true;
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).finished()) {
                mark[i] = keepUnfinished ? PruneMark.KEEP_PARTIAL : PruneMark.REMOVE;
            }
            keepUnfinished = false;
        }

        Function<SnapshotInfo, LocalDateTime> local = s -> LocalDateTime.ofInstant(
                Instant.ofEpochSecond(s.backupTime()), zone);
        markSelections(list, mark, keep.keepLast(), s -> Long.toString(s.backupTime()));
        markSelections(list, mark, keep.keepHourly(), s -> format(local.apply(s), "%04d/%02d/%02d/%02d", 4));
        markSelections(list, mark, keep.keepDaily(), s -> format(local.apply(s), "%04d/%02d/%02d", 3));
        markSelections(list, mark, keep.keepWeekly(), s -> isoWeek(local.apply(s)));
        markSelections(list, mark, keep.keepMonthly(), s -> format(local.apply(s), "%04d/%02d", 2));
        markSelections(list, mark, keep.keepYearly(), s -> format(local.apply(s), "%04d", 1));

        List<PruneEntry> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            SnapshotInfo s = list.get(i);
            PruneMark m = s.isProtected() ? PruneMark.PROTECTED : mark[i] == null ? PruneMark.REMOVE : mark[i];
            result.add(new PruneEntry(s, m));
        }
        return List.copyOf(result);
    }

    /**
     * Why each snapshot is kept, by snapshot id, as PBS's prune simulator shows it: the first rule
     * that selected it ({@code keep-last}, {@code keep-hourly}, …, {@code keep-yearly}),
     * {@code protected}, or {@code keep-partial}; snapshots the plan removes have no entry. Rules
     * apply in order and never revise earlier marks, so the plan with the rules up to one rule
     * marks exactly what the full plan had marked after that rule.
     */
    public static Map<String, String> keepReasons(List<SnapshotInfo> snapshots, KeepOptions keep, ZoneId zone) {
        Map<String, String> reasons = new HashMap<>();
        for (PruneEntry e : plan(snapshots, keep, zone)) {
            if (e.mark() == PruneMark.PROTECTED || e.mark() == PruneMark.KEEP_PARTIAL) {
                reasons.put(e.snapshot().id(), e.mark().toString());
            }
        }
        String[] names = {"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"};
        int[] values = {keep.keepLast(), keep.keepHourly(), keep.keepDaily(), keep.keepWeekly(), keep.keepMonthly(),
            keep.keepYearly()};
        int[] upTo = new int[values.length];
        for (int r = 0; r < values.length; r++) {
            if (values[r] == 0) {
                continue;
            }
            upTo[r] = values[r];
            KeepOptions rules = new KeepOptions(upTo[0], upTo[1], upTo[2], upTo[3], upTo[4], upTo[5]);
            for (PruneEntry e : plan(snapshots, rules, zone)) {
                if (e.mark() == PruneMark.KEEP) {
                    reasons.putIfAbsent(e.snapshot().id(), names[r]);
                }
            }
        }
        return reasons;
    }

    /**
     * What to delete, oldest first (the order PBS executes in). Empty when the options keep
     * nothing: then prune keeps everything.
     */
    public static List<SnapshotInfo> toRemove(List<PruneEntry> plan, KeepOptions keep) {
        if (!keep.keepsSomething()) {
            return List.of();
        }
        List<SnapshotInfo> remove = new ArrayList<>();
        for (int i = plan.size() - 1; i >= 0; i--) {
            if (plan.get(i).mark() == PruneMark.REMOVE) {
                remove.add(plan.get(i).snapshot());
            }
        }
        return List.copyOf(remove);
    }

    /** One rule: keep the newest snapshot of each of the {@code n} newest periods not yet covered. */
    private static void markSelections(List<SnapshotInfo> list, PruneMark[] mark, int n,
            Function<SnapshotInfo, String> period) {
        if (n <= 0) {
            return; // 0 keeps nothing; protected snapshots are marked at the end anyway
        }
        Set<String> alreadyKept = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (mark[i] == PruneMark.KEEP) {
                alreadyKept.add(period.apply(list.get(i)));
            }
        }
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (mark[i] != null) {
                continue; // earlier decisions are final
            }
            SnapshotInfo s = list.get(i);
            if (s.isProtected()) {
                mark[i] = PruneMark.PROTECTED; // never consumes a keep slot
                continue;
            }
            String id = period.apply(s);
            if (alreadyKept.contains(id)) {
                continue;
            }
            if (taken.contains(id)) {
                mark[i] = PruneMark.REMOVE; // older snapshot of a period this rule keeps
            } else {
                if (taken.size() >= n) {
                    break;
                }
                taken.add(id);
                mark[i] = PruneMark.KEEP;
            }
        }
    }

    private static String format(LocalDateTime t, String pattern, int fields) {
        Object[] values = {t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour()};
        Object[] used = new Object[fields];
        System.arraycopy(values, 0, used, 0, fields);
        return String.format(java.util.Locale.ROOT, pattern, used);
    }

    /** strftime {@code %G/%V}: ISO week-based year and week number. */
    private static String isoWeek(LocalDateTime t) {
        return String.format(java.util.Locale.ROOT, "%04d/%02d", t.get(IsoFields.WEEK_BASED_YEAR),
                t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
