package org.pbsj.server.application;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.pbsj.core.calendar.CalendarEvent;
import org.pbsj.core.calendar.CalendarSyntaxException;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.prune.KeepOptions;

/** Rules shared by the job configuration collections ({@code rest-api.md} §4.5). */
public final class JobConfigs {
    static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]{2,31}");

    private JobConfigs() {
    }

    static void validateId(String id) {
        if (id == null) {
            throw SnapshotSelector.missing("id");
        }
        if (!JOB_ID.matcher(id).matches()) {
            throw ServiceException.badRequest("parameter verification errors\n\nid: value does not match the regex pattern");
        }
    }

    /** The collection's {@code digest}: SHA-256 over the entries' canonical text. */
    static String digest(List<?> entries) {
        StringBuilder sb = new StringBuilder();
        entries.forEach(e -> sb.append(e).append('\n'));
        return HexFormat.of().formatHex(CryptConfig.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A given digest must match the current one (someone else changed the config otherwise). */
    static void checkDigest(String given, List<?> entries) {
        if (given != null && !given.equalsIgnoreCase(digest(entries))) {
            throw ServiceException.badRequest("detected modified configuration - file changed by other user? Try again.");
        }
    }

    static boolean deletes(Set<String> delete, String property) {
        return delete != null && delete.contains(property);
    }

    /** Validates a schedule parameter (400 naming it). */
    public static void validateSchedule(String param, String schedule) {
        if (schedule == null) {
            return;
        }
        try {
            CalendarEvent.parse(schedule);
        } catch (CalendarSyntaxException e) {
            throw ServiceException.badRequest("parameter verification errors\n\n" + param + ": " + e.getMessage());
        }
    }

    /** Keep options from optional API values (each ≥ 1 when given). */
    public static KeepOptions keepOptions(Integer last, Integer hourly, Integer daily, Integer weekly, Integer monthly,
            Integer yearly) {
        String[] names = {"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"};
        Integer[] v = {last, hourly, daily, weekly, monthly, yearly};
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null && v[i] < 1) {
                throw ServiceException.badRequest("parameter verification errors\n\n" + names[i]
                        + ": value must have a minimum value of 1");
            }
        }
        return new KeepOptions(z(last), z(hourly), z(daily), z(weekly), z(monthly), z(yearly));
    }

    private static int z(Integer v) {
        return v == null ? 0 : v;
    }
}
