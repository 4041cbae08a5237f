package org.pbsj.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeSpanTest {

    /** §5 vectors; the expected values are computed the way PBS computes them (f64). */
    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
        "2|2", "2s|2", "2sec|2", "2second|2", "2seconds|2", "' 2s 2 s 2'|6", "1msec 1ms|0.002",
        "1usec 1us 1\u00b5s|0.000003", "1nsec 1ns|0.000000002", "1minutes 1minute 1min 1m|240",
        "1hours 1hour 1hr 1h|14400", "1days 1day 1d|259200", "1weeks 1 week 1w|1814400",
        "1months 1month 1M|7890048", "1years 1year 1y|94672800", "2h|7200", "' 2 h'|7200", "2hours|7200",
        "48hr|172800", "1y 12month|63117792", "55s500ms|55.5", "300ms20s 5day|432020.3"})
    void totalSeconds(String text, double expected) {
        assertEquals(expected, TimeSpan.parse(text).totalSeconds(), 1e-9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1months 1month 1M|7890048", "1y 12month|63117792", "55s500ms|55",
        "1 m|60"})
    void wholeSeconds(String text, long expected) {
        assertEquals(expected, TimeSpan.parse(text).wholeSeconds());
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {"1y 12month|'1y 12m '", "2h|'2h '", "1M|'1m '", "1 m|'1min '",
        "55s500ms|56s", "54s500ms|54s", "1h 55s|1h 55s", "500ms|0.5s", "50ms|<0.1s", "0|<0.1s", "2s|2s",
        "1w 2d|'1w 2d '"})
    void displayForm(String text, String expected) {
        assertEquals(expected, TimeSpan.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|0", "'   '|3", "2x|1", "2 xs|2", "h|0", "2h x|3", "-1|0", "1.5h|1",
        "2H|1", "99999999999999999999|0"})
    void rejectedWithPosition(String text, int position) {
        CalendarSyntaxException e = assertThrows(CalendarSyntaxException.class, () -> TimeSpan.parse(text));
        assertEquals(position, e.position(), e.getMessage());
    }
}
