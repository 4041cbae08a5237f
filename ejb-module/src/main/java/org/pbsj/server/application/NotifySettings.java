package org.pbsj.server.application;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A datastore's {@code notify} property string ({@code gc=always,verify=error,sync=never,prune=..})
 * and what it means for a job's end in {@code legacy-sendmail} mode. Unset kinds take PBS's
 * defaults: {@code always}, except prune: {@code error}.
 */
public record NotifySettings(Map<JobNotice.Kind, NotifySettings.Level> levels) {
    /** When to mail about a job kind. */
    public enum Level {
        ALWAYS, ERROR, NEVER;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether a job that ended {@code ok} (or not) is mailed at this level. */
        public boolean wants(boolean ok) {
            return this == ALWAYS || (this == ERROR && !ok);
        }
    }

    public static final NotifySettings DEFAULTS = new NotifySettings(Map.of());

    public NotifySettings {
        levels = Map.copyOf(levels);
    }

    /** Parses the property string; null or blank is {@link #DEFAULTS}. 400 naming {@code notify} if invalid. */
    public static NotifySettings parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        Map<JobNotice.Kind, Level> m = new EnumMap<>(JobNotice.Kind.class);
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw invalid("value without key: '" + part.trim() + "'");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            JobNotice.Kind kind = JobNotice.Kind.ofKey(key).orElseThrow(() -> invalid("unknown key '" + key + "'"));
            Level level = switch (value) {
                case "always" -> Level.ALWAYS;
                case "error" -> Level.ERROR;
                case "never" -> Level.NEVER;
                default -> throw invalid(key + ": value '" + value + "' is not always, error or never");
            };
            if (m.put(kind, level) != null) {
                throw invalid("duplicate key '" + key + "'");
            }
        }
        return new NotifySettings(m);
    }

    public Level level(JobNotice.Kind kind) {
        Level l = levels.get(kind);
        return l != null ? l : kind == JobNotice.Kind.PRUNE ? Level.ERROR : Level.ALWAYS;
    }

    /** The canonical property string (keys in PBS's order), or null when nothing is set. */
    public String format() {
        StringJoiner j = new StringJoiner(",");
        for (JobNotice.Kind k : JobNotice.Kind.values()) {
            Level l = levels.get(k);
            if (l != null) {
                j.add(k.key() + "=" + l.value());
            }
        }
        return j.length() == 0 ? null : j.toString();
    }

    private static ServiceException invalid(String message) {
        return ServiceException.badRequest("parameter verification errors\n\nnotify: " + message);
    }
}
