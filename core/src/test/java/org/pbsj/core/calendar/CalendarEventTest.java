package org.pbsj.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.calendar.DateTimeValue.Range;
import org.pbsj.core.calendar.DateTimeValue.Repeated;
import org.pbsj.core.calendar.DateTimeValue.Single;

class CalendarEventTest {
    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    /** The local zone must not matter for UTC events; use one far from UTC to prove it. */
    private static final ZoneId ELSEWHERE = ZoneId.of("America/Los_Angeles");

    private static long next(String event, long last) {
        OptionalLong n = CalendarEvent.parse(event).next(last, ELSEWHERE);
        assertTrue(n.isPresent(), () -> event + " after " + last + ": no next event");
        return n.getAsLong();
    }

    /** §7.1, evaluated with {@code UTC} appended. */
    @ParameterizedTest(name = "{0} after {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "0|0|3600", "*|0|60", "*:0|0|3600", "*:*|0|60", "*:*:*|0|1", "*:3:5|0|185",
        "mon *:*|0|345600", "mon 2:*|0|352800", "mon 2:50|0|355800",
        "tue|0|432000", "wed|0|518400", "thu|0|604800", "fri|0|86400", "sat|0|172800", "sun|0|259200",
        "4..10/2:0|0|14400", "4..10/2:0|18000|21600", "4..10/2:0|39600|100800",
        "5,10:4,8|0|18240", "10,5:8,4|0|18240", "6,4..10:23,5/5|0|14700", "4..10,6:5/5,23|0|14700",
        "sat|1596153600|1596240000", "sun|1596153600|1596326400", "mon|1596153600|1596412800",
        "tue|1596153600|1596499200", "wed|1596153600|1596585600", "thu|1596153600|1596672000",
        "fri|1596153600|1596758400",
        "fri|1609372800|1609459200", "sat|1609372800|1609545600", "sun|1609372800|1609632000",
        "mon|1609372800|1609718400", "tue|1609372800|1609804800", "wed|1609372800|1609891200",
        "thu|1609372800|1609977600",
        "daily|0|86400", "daily|1|86400",
        "2020-07-31|0|1596153600", "02-28|0|5011200", "02-29|0|68169600", "1965/5-01-01|-1|0",
        "2020-7..9-2/2|1596153600|1596326400", "2020,2021-12-31|1596153600|1609372800",
        "monthly|0|2678400", "quarterly|0|7776000", "semiannually|0|15638400", "yearly|0|31536000"})
    void proxmoxTimeVectors(String event, long last, long expected) {
        assertEquals(expected, next(event + " UTC", last));
        assertEquals(expected, next(event + "UTC", last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-02-29", "02-30", "0-0", "2024-12-24 18:30"})
    void impossibleEventsHaveNoNext(String event) {
        assertEquals(OptionalLong.empty(), CalendarEvent.parse(event + " UTC").next(1735065000L, ELSEWHERE));
    }

    @Test
    void chains() {
        assertChain("5/2:0", 0, List.of(18000L, 25200L, 32400L, 39600L));
        List<Long> minutes = new ArrayList<>();
        List<Long> hours = new ArrayList<>();
        List<Long> days = new ArrayList<>();
        for (long i = 1; i < 100; i++) {
            minutes.add(i * 60);
            hours.add(i * 3600);
            days.add(i * 86400 + 3600);
        }
        assertChain("*:*", 0, minutes);
        assertChain("*:0", 0, hours);
        assertChain("1:0", 54000, days);
    }

    private static void assertChain(String event, long start, List<Long> expected) {
        CalendarEvent e = CalendarEvent.parse(event + " UTC");
        long last = start;
        for (long want : expected) {
            long got = e.next(last, ELSEWHERE).orElseThrow();
            assertEquals(want, got, event + " after " + last);
            last = got;
        }
    }

    static Stream<Arguments> additionalVectors() {
        return Stream.of(
                Arguments.of("mon..fri 8..17:0/15", List.of(1717401600L, 1717402500L, 1717403400L)),
                Arguments.of("*:0/15", List.of(1717200900L, 1717201800L, 1717202700L)),
                Arguments.of("hourly", List.of(1717203600L, 1717207200L, 1717210800L)),
                Arguments.of("weekly", List.of(1717372800L, 1717977600L, 1718582400L)),
                Arguments.of("sat *-1..7 15:00", List.of(1717254000L, 1720278000L, 1722697200L)),
                Arguments.of("fri 12..13:5/20", List.of(1717761900L, 1717763100L, 1717764300L)),
                Arguments.of("12/2:5", List.of(1717243500L, 1717250700L, 1717257900L)),
                Arguments.of("*-05", List.of(1717545600L, 1720137600L, 1722816000L)),
                Arguments.of("2024-12-24 18:30", List.of(1735065000L)),
                Arguments.of("sun 02:30", List.of(1717295400L, 1717900200L, 1718505000L)),
                Arguments.of("minutely", List.of(1717200060L, 1717200120L, 1717200180L)),
                Arguments.of("fri..mon 23:59", List.of(1717286340L, 1717372740L, 1717459140L)),
                Arguments.of("*-02-29", List.of(1835395200L, 1961625600L, 2087856000L)),
                Arguments.of("*:*:0/20", List.of(1717200020L, 1717200040L, 1717200060L)),
                Arguments.of("2..4:0", List.of(1717207200L, 1717210800L, 1717214400L)),
                Arguments.of("*/2:0", List.of(1717207200L, 1717214400L, 1717221600L)));
    }

    /** §7.2, from Sat 2024-06-01 00:00:00 UTC. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("additionalVectors")
    void additionalVectors(String event, List<Long> expected) {
        assertChain(event, 1717200000L, expected);
    }

    static Stream<Arguments> viennaVectors() {
        return Stream.of(
                Arguments.of("02:30", 1711800000L, List.of(1711931400L, 1712017800L, 1712104200L)),
                Arguments.of("*:30", 1711843200L, List.of(1711845000L, 1711848600L, 1711852200L)),
                Arguments.of("02:30", 1729944000L, List.of(1729989000L, 1730079000L)),
                Arguments.of("*:30", 1729987200L, List.of(1729992600L, 1729996200L)),
                Arguments.of("daily", 1711800000L, List.of(1711839600L, 1711922400L, 1712008800L)));
    }

    /** §7.3: local time in Europe/Vienna across both DST switches of 2024. */
    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("viennaVectors")
    void localTimeAcrossDst(String event, long start, List<Long> expected) {
        CalendarEvent e = CalendarEvent.parse(event);
        long last = start;
        for (long want : expected) {
            long got = e.next(last, VIENNA).orElseThrow();
            assertEquals(want, got, event + " after " + last);
            last = got;
        }
    }

    @Test
    void utcSuffixIgnoresLocalZone() {
        assertEquals(OptionalLong.of(86400), CalendarEvent.parse("daily UTC").next(0, VIENNA));
        // 1970-01-01 in Vienna is UTC+1: local midnight of Jan 2 is 23:00 UTC of Jan 1
        assertEquals(OptionalLong.of(82800), CalendarEvent.parse("daily").next(0, VIENNA));
        assertEquals(OptionalLong.of(86400), CalendarEvent.parse("daily").next(0, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mon,wed..fri", "fri..mon", "mon", "MON", "monDay", "Tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "mon..fri", "mon,tue,fri", "mon,tue..wednesday,fri..sat",
        "1..10/2", "dailyUTC", "5", "1..7", "0-0", "mon 25:00", "Sun", "tuesday..mon",
        "annually", "semi-annually", "mon 2:00UTC", "mon\t2:00", "mon2:00", "2024-06-01", "007:05:09",
        "*/5", "*-*-* *:*:*", "mon *-*-* 00:00:00", "daily  UTC"})
    void accepted(String text) {
        CalendarEvent.parse(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "daily 12:00|0", "*/0|1", "*-13-01|4", "''|0", "UTC|0", "mon,|3", "foo|0", "'12:30 '|5",
        "mon..xyz|3", "10..5|0", "5/|0", "24:00:00|5", "*:60|0", "2200-01-01|0", "1..5/x|0", "mon 1,|5"})
    void rejectedWithPosition(String text, int position) {
        CalendarSyntaxException e = assertThrows(CalendarSyntaxException.class, () -> CalendarEvent.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().startsWith("unable to parse calendar event at '"), e.getMessage());
    }

    @Test
    void parsedStructure() {
        CalendarEvent e = CalendarEvent.parse("mon 25:00");
        assertEquals(EnumSet.of(DayOfWeek.MONDAY), e.days());
        assertEquals(List.of(), e.hour());
        assertEquals(List.of(new Single(25)), e.minute());
        assertEquals(List.of(new Single(0)), e.second());

        CalendarEvent r = CalendarEvent.parse("2020-7..9-2/2 4..10/2:*/5");
        assertEquals(List.of(new Single(2020)), r.year());
        assertEquals(List.of(new Range(7, 9)), r.month());
        assertEquals(List.of(new Repeated(2, 2, -1)), r.day());
        assertEquals(List.of(new Repeated(4, 2, 10)), r.hour());
        assertEquals(List.of(new Repeated(0, 5, -1)), r.minute());
        assertEquals(List.of(new Repeated(1, 3, -1)), CalendarEvent.parse("*/3-01").month());

        assertEquals(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                CalendarEvent.parse("fri..mon").days());
        assertEquals(EnumSet.allOf(DayOfWeek.class), CalendarEvent.parse("tuesday..mon").days());
        assertEquals(List.of(new Range(1, 7)), CalendarEvent.parse("1..7").minute());
        assertEquals(List.of(), CalendarEvent.parse("1..7").hour());
        assertEquals(List.of(new Single(5)), CalendarEvent.parse("*-05").day());
        assertEquals(List.of(), CalendarEvent.parse("*-05").month());
        assertTrue(CalendarEvent.parse("daily UTC").utc());
        assertEquals(CalendarEvent.parse("*-*-* 00:00:00"), CalendarEvent.parse("daily"));
        assertEquals(CalendarEvent.parse("mon *-*-* 00:00:00"), CalendarEvent.parse("weekly"));
        assertEquals(CalendarEvent.parse("*-01,04,07,10-01 00:00:00"), CalendarEvent.parse("quarterly"));
        assertEquals(CalendarEvent.parse("*-*-* *:*:00"), CalendarEvent.parse("minutely"));
    }
}
