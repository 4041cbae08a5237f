package org.pbsj.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DailyDurationTest {

    @Test
    void acceptedExamples() {
        assertEquals(new DailyDuration(Set.of(), 8 * 60, 12 * 60), DailyDuration.parse("8-12"));
        assertEquals(new DailyDuration(Set.of(), 8 * 60 + 5, 12 * 60 + 20), DailyDuration.parse("8:05 - 12:20"));
        assertEquals(Set.of(DayOfWeek.MONDAY), DailyDuration.parse("mon 8-12").days());
        assertEquals(EnumSet.range(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY), DailyDuration.parse("tue..fri 8-12").days());
        assertEquals(EnumSet.range(DayOfWeek.TUESDAY, DayOfWeek.SATURDAY),
                DailyDuration.parse("sat,tue..thu,fri 8-12").days());
        assertEquals(new DailyDuration(Set.of(), 8 * 60, 8 * 60), DailyDuration.parse("8-8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 8-12", "8:60-12", "8-25", "12-8", "8", "8-", "mon", "xyz 8-12", "8-12 ", "8:5x-9"})
    void rejected(String text) {
        assertThrows(CalendarSyntaxException.class, () -> DailyDuration.parse(text));
    }

    @Test
    void endBeforeStartNamesTheEndPosition() {
        CalendarSyntaxException e = assertThrows(CalendarSyntaxException.class, () -> DailyDuration.parse("12 - 8"));
        assertEquals(5, e.position());
    }

    @Test
    void matching() {
        DailyDuration d = DailyDuration.parse("thu..fri 8:05-12");
        // 2024-06-06 is a Thursday
        assertFalse(d.matches(LocalDateTime.of(2024, 6, 6, 8, 0).atZone(ZoneOffset.UTC)));
        assertTrue(d.matches(LocalDateTime.of(2024, 6, 6, 8, 5).atZone(ZoneOffset.UTC)));
        assertTrue(d.matches(LocalDateTime.of(2024, 6, 6, 11, 59, 59).atZone(ZoneOffset.UTC)));
        assertFalse(d.matches(LocalDateTime.of(2024, 6, 6, 12, 0).atZone(ZoneOffset.UTC)));
        assertFalse(d.matches(LocalDateTime.of(2024, 6, 8, 8, 5).atZone(ZoneOffset.UTC)));
        // 2024-06-06T06:05Z is 08:05 in Vienna (CEST)
        assertTrue(d.matches(1717653900L, ZoneId.of("Europe/Vienna")));
        assertFalse(d.matches(1717653900L, ZoneOffset.UTC));
    }
}
