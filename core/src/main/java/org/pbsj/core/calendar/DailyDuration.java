package org.pbsj.core.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A daily time frame such as {@code mon..fri 8:00-17:30} ({@code calendar-events.md} §6), used
 * by traffic-control rules. Matches when the weekday is in the set (empty = every day) and
 * {@code start <= hh:mm < end}.
 *
 * @param days        weekdays, empty for all
 * @param startMinute start as minutes after midnight
 * @param endMinute   end (exclusive) as minutes after midnight, {@code >= startMinute}
 */
public record DailyDuration(Set<DayOfWeek> days, int startMinute, int endMinute) {
    static final String WHAT = "daily duration";

    public DailyDuration {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        if (startMinute < 0 || endMinute >= 24 * 60 || startMinute > endMinute) {
            throw new IllegalArgumentException("invalid daily duration " + startMinute + ".." + endMinute);
        }
    }

    /**
     * Parses {@code [weekdays sp] hh[:mm] sp "-" sp hh[:mm]}.
     *
     * @throws CalendarSyntaxException on bad syntax or an end before the start
     */
    public static DailyDuration parse(String text) {
        Cursor c = new Cursor(text, WHAT);
        Set<DayOfWeek> days = Set.of();
        if (c.atAsciiLetter()) {
            days = CalendarParser.weekdayList(c);
            c.skipSpaces();
        }
        int start = hmTime(c);
        c.skipSpaces();
        if (!c.consume("-")) {
            throw c.error("expected '-'");
        }
        c.skipSpaces();
        int endPos = c.pos;
        int end = hmTime(c);
        if (start > end) {
            c.pos = endPos;
            throw c.error("end time before start time");
        }
        c.requireEnd();
        return new DailyDuration(days, start, end);
    }

    /** {@code hour(0..23) [":" minute(0..59)]} as minutes after midnight. */
    private static int hmTime(Cursor c) {
        int hourPos = c.pos;
        long hour = c.number();
        if (hour < 0 || hour >= 24) {
            c.pos = hourPos;
            throw c.error("expected hour (0-23)");
        }
        int save = c.pos;
        long minute = 0;
        if (c.consume(":")) {
            minute = c.number();
            if (minute < 0 || minute >= 60) {
                c.pos = save; // like nom's opt(): the ':' stays unparsed and fails later
                minute = 0;
            }
        }
        return (int) (hour * 60 + minute);
    }

    public boolean matches(ZonedDateTime time) {
        if (!days.isEmpty() && days.size() < 7 && !days.contains(time.getDayOfWeek())) {
            return false;
        }
        int minuteOfDay = time.getHour() * 60 + time.getMinute();
        return minuteOfDay >= startMinute && minuteOfDay < endMinute;
    }

    public boolean matches(long epoch, ZoneId zone) {
        return matches(Instant.ofEpochSecond(epoch).atZone(zone));
    }
}
