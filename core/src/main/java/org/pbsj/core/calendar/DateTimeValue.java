package org.pbsj.core.calendar;

import java.util.List;

/** One component of a calendar event field ({@code calendar-events.md} §2). */
public sealed interface DateTimeValue {

    /** Whether the value {@code x} is produced by this component. */
    boolean contains(int x);

    /** Smallest value {@code > x} this component can produce, or -1. */
    int next(int x);

    /** A single value {@code v}. */
    record Single(int value) implements DateTimeValue {
        public boolean contains(int x) {
            return x == value;
        }

        public int next(int x) {
            return value > x ? value : -1;
        }
    }

    /** Inclusive range {@code a..b}. */
    record Range(int start, int end) implements DateTimeValue {
        public boolean contains(int x) {
            return x >= start && x <= end;
        }

        public int next(int x) {
            if (x < start) {
                return start;
            }
            return x + 1 >= start && x + 1 <= end ? x + 1 : -1;
        }
    }

    /** {@code start/step} or {@code start..end/step}; {@code end} is -1 when open. */
    record Repeated(int start, int step, int end) implements DateTimeValue {
        public boolean contains(int x) {
            if (x < start || (end >= 0 && x > end)) {
                return false;
            }
            return step > 0 ? (x - start) % step == 0 : x == start;
        }

        public int next(int x) {
            if (x < start) {
                return start;
            }
            if (step <= 0) {
                return -1;
            }
            int n = start + ((x - start + step) / step) * step;
            return end < 0 || n <= end ? n : -1;
        }
    }

    /** An empty list means "any value". */
    static boolean listContains(List<DateTimeValue> list, int x) {
        return list.stream().anyMatch(v -> v.contains(x));
    }

    /** Minimum over all components of their next value {@code > x}, or -1. */
    static int findNext(List<DateTimeValue> list, int x) {
        int best = -1;
        for (DateTimeValue v : list) {
            int n = v.next(x);
            if (n >= 0 && (best < 0 || n < best)) {
                best = n;
            }
        }
        return best;
    }
}
