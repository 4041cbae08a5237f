package org.pbsj.core.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code compute_next_event} of proxmox-time ({@code calendar-events.md} §3): walk forward
 * field by field from {@code last + 1}, resetting smaller fields, with every step normalized
 * like {@code mktime}/{@code timegm}.
 */
final class NextEventSearch {
    private static final int MAX_STEPS = 1000;

    private final ZoneRules rules; // null: UTC
    private LocalDateTime local;
    /**
     * glibc's mktime remembers the offset of its previous result and tries it first, which is
     * what picks the occurrence of an ambiguous (fall-back) time. Starting from offset 0 is the
     * state of a fresh process; it reproduces the observed results of §7.3.
     */
    private ZoneOffset mktimeGuess = ZoneOffset.UTC;
    private ZoneOffset offset;

    private NextEventSearch(ZoneId zone, long epoch) {
        this.rules = zone == null ? null : zone.getRules();
        Instant start = Instant.ofEpochSecond(epoch);
        this.offset = rules == null ? ZoneOffset.UTC : rules.getOffset(start);
        this.local = LocalDateTime.ofEpochSecond(epoch, 0, offset);
    }

    static OptionalLong next(CalendarEvent e, long last, ZoneId localZone) {
        NextEventSearch t;
        try {
            t = new NextEventSearch(e.utc() ? null : localZone, Math.addExact(last, 1));
        } catch (DateTimeException | ArithmeticException ex) {
            throw new IllegalArgumentException("time out of range: " + last, ex);
        }
        for (int step = 0; step <= MAX_STEPS; step++) {
            if (!e.year().isEmpty() && !DateTimeValue.listContains(e.year(), t.local.getYear())) {
                int n = DateTimeValue.findNext(e.year(), t.local.getYear());
                if (n < 0) {
                    return OptionalLong.empty();
                }
                t.normalize(LocalDate.of(n, 1, 1).atStartOfDay());
                continue;
            }
            if (mismatch(e.month(), t.local.getMonthValue())) {
                int n = DateTimeValue.findNext(e.month(), t.local.getMonthValue());
                LocalDate first = t.local.toLocalDate().withDayOfMonth(1);
                t.normalize(n >= 0 ? first.plusMonths(n - t.local.getMonthValue()).atStartOfDay()
                        : LocalDate.of(t.local.getYear() + 1, 1, 1).atStartOfDay());
                continue;
            }
            if (mismatch(e.day(), t.local.getDayOfMonth())) {
                int n = DateTimeValue.findNext(e.day(), t.local.getDayOfMonth());
                t.normalize(n >= 0 ? t.local.toLocalDate().plusDays(n - t.local.getDayOfMonth()).atStartOfDay()
                        : t.local.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay());
                continue;
            }
            if (e.restrictsWeekdays() && !e.days().contains(t.local.getDayOfWeek())) {
                int today = t.local.getDayOfWeek().ordinal(); // monday = 0
                int target = 7;
                for (int d = today + 1; d < 7; d++) {
                    if (e.days().contains(DayOfWeek.values()[d])) {
                        target = d;
                        break;
                    }
                }
                t.normalize(t.local.toLocalDate().plusDays(target - today).atStartOfDay());
                continue;
            }
            if (mismatch(e.hour(), t.local.getHour())) {
                int n = DateTimeValue.findNext(e.hour(), t.local.getHour());
                LocalDate today = t.local.toLocalDate();
                t.normalize(n >= 0 ? today.atStartOfDay().plusHours(n) : today.plusDays(1).atStartOfDay());
                continue;
            }
            if (mismatch(e.minute(), t.local.getMinute())) {
                int n = DateTimeValue.findNext(e.minute(), t.local.getMinute());
                LocalDateTime hourStart = t.local.withMinute(0).withSecond(0);
                t.normalize(n >= 0 ? hourStart.plusMinutes(n) : hourStart.plusHours(1));
                continue;
            }
            if (mismatch(e.second(), t.local.getSecond())) {
                int n = DateTimeValue.findNext(e.second(), t.local.getSecond());
                LocalDateTime minuteStart = t.local.withSecond(0);
                t.normalize(n >= 0 ? minuteStart.plusSeconds(n) : minuteStart.plusMinutes(1));
                continue;
            }
            return OptionalLong.of(t.local.toEpochSecond(t.offset));
        }
        return OptionalLong.empty();
    }

    private static boolean mismatch(List<DateTimeValue> list, int value) {
        return !list.isEmpty() && !DateTimeValue.listContains(list, value);
    }

    /** mktime with {@code tm_isdst = -1} (timegm in UTC): fix up local times that do not exist once. */
    private void normalize(LocalDateTime wanted) {
        if (rules == null) {
            local = wanted;
            return;
        }
        List<ZoneOffset> valid = rules.getValidOffsets(wanted);
        if (valid.size() == 1) {
            offset = valid.get(0);
            local = wanted;
        } else if (valid.isEmpty()) {
            // spring-forward gap: glibc moves forward by the gap length (03:30 for 02:30 in Vienna)
            ZoneOffsetTransition gap = rules.getTransition(wanted);
            local = wanted.plus(gap.getDuration());
            offset = gap.getOffsetAfter();
        } else {
            offset = overlapChoice(wanted, valid);
            local = wanted;
        }
        mktimeGuess = offset;
    }

    /** glibc's probing: try the remembered offset, else the offset in effect at that guess. */
    private ZoneOffset overlapChoice(LocalDateTime wanted, List<ZoneOffset> valid) {
        ZoneOffset guess = mktimeGuess;
        for (int probe = 0; probe < 6; probe++) {
            if (valid.contains(guess)) {
                return guess;
            }
            guess = rules.getOffset(wanted.toInstant(guess));
        }
        return valid.get(0);
    }
}
