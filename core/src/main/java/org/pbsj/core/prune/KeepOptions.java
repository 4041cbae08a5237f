package org.pbsj.core.prune;

/**
 * Retention settings ({@code datastore-jobs.md} §3.1). A value of 0 means "not set": a rule
 * keeping 0 snapshots and an absent rule select the same snapshots.
 */
public record KeepOptions(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly,
        int keepYearly) {

    public static final KeepOptions NONE = new KeepOptions(0, 0, 0, 0, 0, 0);

    public KeepOptions {
        if (keepLast < 0 || keepHourly < 0 || keepDaily < 0 || keepWeekly < 0 || keepMonthly < 0
                || keepYearly < 0) {
            throw new IllegalArgumentException("keep values must not be negative");
        }
    }

    /**
     * PBS {@code keeps_something}: false when no rule is set, in which case prune keeps
     * everything ("No prune selection - keeping all files.").
     */
    public boolean keepsSomething() {
        return (long) keepLast + keepHourly + keepDaily + keepWeekly + keepMonthly + keepYearly > 0;
    }

    public KeepOptions withKeepLast(int n) {
        return new KeepOptions(n, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly);
    }

    public KeepOptions withKeepHourly(int n) {
        return new KeepOptions(keepLast, n, keepDaily, keepWeekly, keepMonthly, keepYearly);
    }

    public KeepOptions withKeepDaily(int n) {
        return new KeepOptions(keepLast, keepHourly, n, keepWeekly, keepMonthly, keepYearly);
    }

    public KeepOptions withKeepWeekly(int n) {
        return new KeepOptions(keepLast, keepHourly, keepDaily, n, keepMonthly, keepYearly);
    }

    public KeepOptions withKeepMonthly(int n) {
        return new KeepOptions(keepLast, keepHourly, keepDaily, keepWeekly, n, keepYearly);
    }

    public KeepOptions withKeepYearly(int n) {
        return new KeepOptions(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, n);
    }
}
