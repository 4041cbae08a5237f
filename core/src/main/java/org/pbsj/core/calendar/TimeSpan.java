package org.pbsj.core.calendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A systemd-style time span such as {@code 1y 12month} or {@code 55s500ms}
 * ({@code calendar-events.md} §5), kept per unit as PBS does.
 */
public record TimeSpan(long nsec, long usec, long msec, long seconds, long minutes, long hours, long days,
        long weeks, long months, long years) {

    static final String WHAT = "time span";

    private enum Unit { NSEC, USEC, MSEC, SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS, YEARS }

    /** Case sensitive: {@code M} is months, {@code m} minutes. */
    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("seconds", Unit.SECONDS), Map.entry("second", Unit.SECONDS), Map.entry("sec", Unit.SECONDS),
            Map.entry("s", Unit.SECONDS), Map.entry("msec", Unit.MSEC), Map.entry("ms", Unit.MSEC),
            Map.entry("usec", Unit.USEC), Map.entry("us", Unit.USEC), Map.entry("\u00b5s", Unit.USEC),
            Map.entry("nsec", Unit.NSEC), Map.entry("ns", Unit.NSEC),
            Map.entry("minutes", Unit.MINUTES), Map.entry("minute", Unit.MINUTES), Map.entry("min", Unit.MINUTES),
            Map.entry("m", Unit.MINUTES), Map.entry("hours", Unit.HOURS), Map.entry("hour", Unit.HOURS),
            Map.entry("hr", Unit.HOURS), Map.entry("h", Unit.HOURS), Map.entry("days", Unit.DAYS),
            Map.entry("day", Unit.DAYS), Map.entry("d", Unit.DAYS), Map.entry("weeks", Unit.WEEKS),
            Map.entry("week", Unit.WEEKS), Map.entry("w", Unit.WEEKS), Map.entry("months", Unit.MONTHS),
            Map.entry("month", Unit.MONTHS), Map.entry("M", Unit.MONTHS), Map.entry("years", Unit.YEARS),
            Map.entry("year", Unit.YEARS), Map.entry("y", Unit.YEARS));

    public TimeSpan {
        if (nsec < 0 || usec < 0 || msec < 0 || seconds < 0 || minutes < 0 || hours < 0 || days < 0 || weeks < 0
                || months < 0 || years < 0) {
            throw new IllegalArgumentException("time span parts must not be negative");
        }
    }

    /**
     * Parses terms of a number and an optional unit (no unit = seconds), e.g. {@code " 2s 2 s 2"}.
     *
     * @throws CalendarSyntaxException on an empty span, a missing number or an unknown unit
     */
    public static TimeSpan parse(String text) {
        Cursor c = new Cursor(text, WHAT);
        long[] parts = new long[Unit.values().length];
        boolean any = false;
        while (true) {
            c.skipSpaces();
            if (c.atEnd()) {
                break;
            }
            long num = c.number();
            if (num < 0) {
                throw c.error("expected a number");
            }
            c.skipSpaces();
            int unitStart = c.pos;
            while (!c.atEnd() && (c.atAsciiLetter() || c.text.charAt(c.pos) == '\u00b5')) {
                c.pos++;
            }
            Unit unit = Unit.SECONDS;
            if (c.pos > unitStart) {
                unit = UNITS.get(c.text.substring(unitStart, c.pos));
                if (unit == null) {
                    c.pos = unitStart;
                    throw c.error("unknown time unit");
                }
            }
            try {
                parts[unit.ordinal()] = Math.addExact(parts[unit.ordinal()], num);
            } catch (ArithmeticException e) {
                throw c.error("value too large");
            }
            any = true;
        }
        if (!any) {
            throw c.error("empty time span");
        }
        return new TimeSpan(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7],
                parts[8], parts[9]);
    }

    /** Total seconds, summed in PBS's order (a month is 30.44 days, a year 365.25 days). */
    public double totalSeconds() {
        return (double) seconds
                + ((double) nsec / 1_000_000_000.0)
                + ((double) usec / 1_000_000.0)
                + ((double) msec / 1_000.0)
                + ((double) minutes * 60.0)
                + ((double) hours * 3600.0)
                + ((double) days * 3600.0 * 24.0)
                + ((double) weeks * 3600.0 * 24.0 * 7.0)
                + ((double) months * 3600.0 * 24.0 * 30.44)
                + ((double) years * 3600.0 * 24.0 * 365.25);
    }

    /** Whole seconds, as media-pool retention uses it. */
    public long wholeSeconds() {
        return (long) totalSeconds();
    }

    /**
     * PBS's display form, quirks included: {@code m} means months here, and a trailing space
     * is left when some part was written but the seconds are below 0.1 ({@code "2h "}).
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String[] names = {"y", "m", "w", "d", "h", "min"};
        long[] values = {years, months, weeks, days, hours, minutes};
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0) {
                sb.append(sb.length() > 0 ? " " : "").append(values[i]).append(names[i]);
            }
        }
        boolean first = sb.length() == 0;
        double secs = (double) seconds + ((double) msec / 1000.0);
        if (!first) {
            sb.append(' ');
        }
        if (secs >= 0.1) {
            // Rust's {:.N} rounds the exact binary value half-to-even
            int scale = secs >= 1.0 || !first ? 0 : 1;
            sb.append(new BigDecimal(secs).setScale(scale, RoundingMode.HALF_EVEN).toPlainString()).append('s');
        } else if (first) {
            sb.append("<0.1s");
        }
        return sb.toString();
    }
}
