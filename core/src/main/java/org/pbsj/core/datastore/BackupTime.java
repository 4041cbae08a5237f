package org.pbsj.core.datastore;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Snapshot directory names: epoch seconds ↔ RFC 3339 UTC with a literal {@code Z}
 * ({@code %FT%TZ}, datastore-layout.md §6). Only this form names a snapshot.
 */
public final class BackupTime {
    public static final Pattern REGEX = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
    /** 9999-12-31T23:59:59Z: the last time with a four-digit year. */
    public static final long MAX = 253402300799L;
    /** Backup times must be positive. */
    public static final long MIN = 1;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private BackupTime() {
    }

    public static String format(long epochSeconds) {
        check(epochSeconds);
        return FORMAT.format(LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC)) + "Z";
    }

    /** Parses a snapshot directory name; rejects offsets, fractions and impossible dates. */
    public static long parse(String name) {
        if (name == null || !REGEX.matcher(name).matches()) {
            throw new InvalidNameException("not a backup time: '" + (name == null ? null : Names.printable(name)) + "'");
        }
        long epoch;
        try {
            epoch = LocalDateTime.parse(name.substring(0, name.length() - 1), FORMAT).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidNameException("not a valid date/time: '" + name + "'");
        }
        check(epoch);
        return epoch;
    }

    public static boolean isValid(String name) {
        try {
            parse(name);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    private static void check(long epochSeconds) {
        if (epochSeconds < MIN || epochSeconds > MAX) {
            throw new InvalidNameException("backup time out of range: " + epochSeconds);
        }
    }
}
