package org.pbsj.client.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** A column of a text table: the JSON key, its header and how a value is shown. */
public record Column(String key, String header, Function<Object, String> renderer) {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    public static Column of(String key) {
        return new Column(key, key, Column::plain);
    }

    public static Column of(String key, String header) {
        return new Column(key, header, Column::plain);
    }

    public Column rendered(Function<Object, String> r) {
        return new Column(key, header, r);
    }

    public String render(Object value) {
        return renderer.apply(value);
    }

    /** Strings as they are, booleans as 1/0 (proxmox-router's text format), null as empty. */
    public static String plain(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return v instanceof String s ? s : org.pbsj.core.json.Json.compact(v);
    }

    /** Epoch seconds as local RFC 3339 time ({@code render_epoch}). */
    public static String epoch(Object v) {
        if (v instanceof Number n) {
            return RFC3339.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(n.longValue()), ZoneId.systemDefault()));
        }
        return plain(v);
    }

    /** Account expiry: 0 or absent means never ({@code render_expire}). */
    public static String expire(Object v) {
        if (v == null || (v instanceof Number n && n.longValue() == 0)) {
            return "never";
        }
        return epoch(v);
    }
}
