package org.pbsj.core.calendar;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A parsed PBS calendar event ({@code calendar-events.md}), e.g. {@code mon..fri 8..17:0/15}
 * or {@code daily}. Empty lists mean "any value"; an empty or full weekday set means every day.
 *
 * @param utc    evaluate in UTC ({@code UTC} suffix) instead of the server's zone
 * @param days   weekdays the event is restricted to
 * @param year   year components (values below 2200)
 * @param month  month components (1-12)
 * @param day    day-of-month components (1-31)
 * @param hour   hour components
 * @param minute minute components
 * @param second second components
 */
public record CalendarEvent(boolean utc, Set<DayOfWeek> days, List<DateTimeValue> year, List<DateTimeValue> month,
        List<DateTimeValue> day, List<DateTimeValue> hour, List<DateTimeValue> minute, List<DateTimeValue> second) {

    public CalendarEvent {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        year = List.copyOf(year);
        month = List.copyOf(month);
        day = List.copyOf(day);
        hour = List.copyOf(hour);
        minute = List.copyOf(minute);
        second = List.copyOf(second);
    }

    /**
     * Parses the calendar event syntax of PBS (systemd-like subset).
     *
     * @throws CalendarSyntaxException with the position where parsing stopped
     */
    public static CalendarEvent parse(String text) {
        return CalendarParser.parse(text);
    }

    /**
     * The first time strictly after {@code lastEpoch} that matches, or empty if there is none
     * (e.g. {@code 2021-02-29}). {@code localZone} is used unless the event is {@code UTC}.
     */
    public OptionalLong next(long lastEpoch, ZoneId localZone) {
        return NextEventSearch.next(this, lastEpoch, localZone);
    }

    /** Static form of {@link #next(long, ZoneId)}. */
    public static OptionalLong next(CalendarEvent event, long lastEpoch, ZoneId localZone) {
        return event.next(lastEpoch, localZone);
    }

    /** Whether the weekday restriction is effective (not empty and not all seven days). */
    boolean restrictsWeekdays() {
        return !days.isEmpty() && days.size() < 7;
    }
}
