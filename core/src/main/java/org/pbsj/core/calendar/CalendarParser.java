package org.pbsj.core.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parser for the calendar event grammar of {@code calendar-events.md} §1, following the
 * proxmox-time nom parsers including their backtracking (date before time, {@code y-m-d}
 * before {@code m-d}, an out-of-range hour falls back to minute: {@code mon 25:00}).
 */
final class CalendarParser {
    static final String WHAT = "calendar event";

    private static final List<DateTimeValue> ZERO = List.of(new DateTimeValue.Single(0));
    private static final List<DateTimeValue> ONE = List.of(new DateTimeValue.Single(1));
    private static final List<DateTimeValue> ANY = List.of();

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY));

    private CalendarParser() {
    }

    static CalendarEvent parse(String input) {
        boolean utc = false;
        String text = input;
        if (text.endsWith("UTC")) {
            utc = true;
            text = text.substring(0, text.length() - 3);
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
            text = text.substring(0, end);
        }
        // positions in errors refer to the original input, which only lost a suffix
        Cursor c = new Cursor(input.substring(0, text.length()), WHAT);
        CalendarEvent keyword = keyword(text, utc);
        if (keyword != null) {
            return keyword;
        }

        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean hasDays = false;
        if (c.atAsciiLetter()) {
            days = weekdayList(c);
            hasDays = true;
            c.skipSpaces();
        }
        List<DateTimeValue> year = ANY;
        List<DateTimeValue> month = ANY;
        List<DateTimeValue> day = ANY;
        List<List<DateTimeValue>> date = dateSpec(c);
        if (date != null) {
            year = date.get(0);
            month = date.get(1);
            day = date.get(2);
            c.skipSpaces();
        }
        List<List<DateTimeValue>> time = timeSpec(c);
        if (!hasDays && date == null && time == null) {
            throw c.error("expected date or time specification");
        }
        c.requireEnd();
        return time == null
                ? new CalendarEvent(utc, days, year, month, day, ZERO, ZERO, ZERO)
                : new CalendarEvent(utc, days, year, month, day, time.get(0), time.get(1), time.get(2));
    }

    /** Keywords must be the whole text; they cannot be combined with anything. */
    private static CalendarEvent keyword(String text, boolean utc) {
        Set<DayOfWeek> all = EnumSet.noneOf(DayOfWeek.class);
        return switch (text) {
            case "minutely" -> new CalendarEvent(utc, all, ANY, ANY, ANY, ANY, ANY, ZERO);
            case "hourly" -> new CalendarEvent(utc, all, ANY, ANY, ANY, ANY, ZERO, ZERO);
            case "daily" -> new CalendarEvent(utc, all, ANY, ANY, ANY, ZERO, ZERO, ZERO);
            case "weekly" -> new CalendarEvent(utc, EnumSet.of(DayOfWeek.MONDAY), ANY, ANY, ANY, ZERO, ZERO, ZERO);
            case "monthly" -> new CalendarEvent(utc, all, ANY, ANY, ONE, ZERO, ZERO, ZERO);
            case "yearly", "annually" -> new CalendarEvent(utc, all, ANY, ONE, ONE, ZERO, ZERO, ZERO);
            case "quarterly" -> new CalendarEvent(utc, all, ANY, singles(1, 4, 7, 10), ONE, ZERO, ZERO, ZERO);
            case "semiannually", "semi-annually" ->
                    new CalendarEvent(utc, all, ANY, singles(1, 7), ONE, ZERO, ZERO, ZERO);
            default -> null;
        };
    }

    private static List<DateTimeValue> singles(int... values) {
        List<DateTimeValue> list = new ArrayList<>();
        for (int v : values) {
            list.add(new DateTimeValue.Single(v));
        }
        return List.copyOf(list);
    }

    // ------------------------------------------------------------------ weekdays

    /** {@code wdrange { "," wdrange }}; the first range is mandatory (error if missing). */
    static Set<DayOfWeek> weekdayList(Cursor c) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Set<DayOfWeek> first = weekdayRange(c);
        if (first == null) {
            throw c.error("expected weekday");
        }
        days.addAll(first);
        while (true) {
            int save = c.pos;
            Set<DayOfWeek> more = c.consume(",") ? weekdayRange(c) : null;
            if (more == null) {
                c.pos = save;
                return days;
            }
            days.addAll(more);
        }
    }

    /** {@code mon}, or {@code fri..mon} (wrapping through sunday). */
    private static Set<DayOfWeek> weekdayRange(Cursor c) {
        DayOfWeek start = weekday(c);
        if (start == null) {
            return null;
        }
        int save = c.pos;
        DayOfWeek end = c.consume("..") ? weekday(c) : null;
        if (end == null) {
            c.pos = save;
            return EnumSet.of(start);
        }
        return start.compareTo(end) <= 0 ? EnumSet.range(start, end)
                : union(EnumSet.range(start, DayOfWeek.SUNDAY), EnumSet.range(DayOfWeek.MONDAY, end));
    }

    private static Set<DayOfWeek> union(Set<DayOfWeek> a, Set<DayOfWeek> b) {
        a.addAll(b);
        return a;
    }

    private static DayOfWeek weekday(Cursor c) {
        int start = c.pos;
        while (c.atAsciiLetter()) {
            c.pos++;
        }
        DayOfWeek d = WEEKDAYS.get(c.text.substring(start, c.pos).toLowerCase(java.util.Locale.ROOT));
        if (d == null) {
            c.pos = start;
        }
        return d;
    }

    // ------------------------------------------------------------------ date and time

    /** {@code y-m-d} or {@code m-d}; returns [year, month, day] or null. */
    private static List<List<DateTimeValue>> dateSpec(Cursor c) {
        int save = c.pos;
        List<DateTimeValue> year = compList(c, 0, 2200);
        if (year != null && c.consume("-")) {
            List<DateTimeValue> month = compList(c, 1, 13);
            if (month != null && c.consume("-")) {
                List<DateTimeValue> day = compList(c, 1, 32);
                if (day != null) {
                    return List.of(year, month, day);
                }
            }
        }
        c.pos = save;
        List<DateTimeValue> month = compList(c, 1, 13);
        if (month != null && c.consume("-")) {
            List<DateTimeValue> day = compList(c, 1, 32);
            if (day != null) {
                return List.of(ANY, month, day);
            }
        }
        c.pos = save;
        return null;
    }

    /** {@code [hour:]minute[:second]}; returns [hour, minute, second] or null. */
    private static List<List<DateTimeValue>> timeSpec(Cursor c) {
        int save = c.pos;
        List<DateTimeValue> hour = compList(c, 0, 24);
        if (hour == null || !c.consume(":")) {
            c.pos = save;
            hour = ANY;
        }
        List<DateTimeValue> minute = compList(c, 0, 60);
        if (minute == null) {
            c.pos = save;
            return null;
        }
        int beforeSecond = c.pos;
        List<DateTimeValue> second = c.consume(":") ? compList(c, 0, 60) : null;
        if (second == null) {
            c.pos = beforeSecond;
            second = ZERO;
        }
        return List.of(hour, minute, second);
    }

    /**
     * {@code "*" ["/" num]} or {@code comp {"," comp}}. {@code *} is "any" (empty list),
     * {@code *}/r becomes {@code Repeated(start, r)}; {@code *}/0 leaves "/0" unconsumed.
     */
    private static List<DateTimeValue> compList(Cursor c, int start, int max) {
        int save = c.pos;
        if (c.consume("*")) {
            int afterStar = c.pos;
            if (c.consume("/")) {
                int repeat = comp(c, max);
                if (repeat < 0) {
                    c.pos = save;
                    return null;
                }
                if (repeat > 0) {
                    return List.of(new DateTimeValue.Repeated(start, repeat, -1));
                }
            }
            c.pos = afterStar;
            return ANY;
        }
        List<DateTimeValue> list = new ArrayList<>();
        DateTimeValue first = dateTimeComp(c, max);
        if (first == null) {
            return null;
        }
        list.add(first);
        while (true) {
            int beforeComma = c.pos;
            DateTimeValue more = c.consume(",") ? dateTimeComp(c, max) : null;
            if (more == null) {
                c.pos = beforeComma;
                return List.copyOf(list);
            }
            list.add(more);
        }
    }

    /** {@code num}, {@code a..b}, {@code a..b/r} or {@code a/r}. */
    private static DateTimeValue dateTimeComp(Cursor c, int max) {
        int save = c.pos;
        int value = comp(c, max);
        if (value < 0) {
            return null;
        }
        int beforeRange = c.pos;
        int end = c.consume("..") ? comp(c, max) : -1;
        if (end >= 0) {
            if (value > end) {
                c.pos = save;
                return null;
            }
            if (c.consume("/")) {
                int repeat = comp(c, max);
                if (repeat < 0) {
                    c.pos = save;
                    return null;
                }
                return new DateTimeValue.Repeated(value, repeat, end);
            }
            return new DateTimeValue.Range(value, end);
        }
        c.pos = beforeRange;
        if (c.consume("/")) {
            int repeat = comp(c, max);
            if (repeat < 0) {
                c.pos = save;
                return null;
            }
            return new DateTimeValue.Repeated(value, repeat, -1);
        }
        return new DateTimeValue.Single(value);
    }

    /** Decimal number below {@code max} (leading zeros allowed), or -1. */
    private static int comp(Cursor c, int max) {
        int save = c.pos;
        long v = c.number();
        if (v < 0 || v >= max) {
            c.pos = save;
            return -1;
        }
        return (int) v;
    }
}
