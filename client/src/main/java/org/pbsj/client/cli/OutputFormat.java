package org.pbsj.client.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pbsj.core.json.Json;

/**
 * {@code --output-format text|json|json-pretty} as in PBS's command-line tools. JSON formats print
 * the API data unchanged (compact, or pretty with sorted keys like serde_json over a value);
 * text renders lists of objects as tables with the given columns and single objects as a
 * Property/Value table.
 */
public enum OutputFormat {
    TEXT("text"), JSON("json"), JSON_PRETTY("json-pretty");

    public static final String OPTION = "output-format";
    public static final String[] NAMES = {"text", "json", "json-pretty"};

    private final String optionValue;

    OutputFormat(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }

    public static OutputFormat parse(String value) {
        for (OutputFormat f : values()) {
            if (f.optionValue.equals(value)) {
                return f;
            }
        }
        throw new UsageException("invalid output format '" + value + "' (expected text, json or json-pretty)");
    }

    /**
     * The format from the option, else from {@code PROXMOX_OUTPUT_FORMAT} (as PBS), else text.
     */
    public static OutputFormat of(ParsedArgs args, Map<String, String> env) {
        String v = args.option(OPTION);
        if (v == null) {
            v = env.getOrDefault("PROXMOX_OUTPUT_FORMAT", "text");
        }
        return parse(v);
    }

    /** Table style from {@code PROXMOX_OUTPUT_NO_BORDER} / {@code PROXMOX_OUTPUT_NO_HEADER}. */
    public static TextTable table(Map<String, String> env) {
        return new TextTable(!env.containsKey("PROXMOX_OUTPUT_NO_BORDER"), !env.containsKey("PROXMOX_OUTPUT_NO_HEADER"));
    }

    public String format(Object data, List<Column> columns) {
        return format(data, columns, new TextTable(true, true));
    }

    /**
     * Renders {@code data}; the result ends with a newline unless it is empty (text of null).
     *
     * @param columns text columns; empty = all keys in the order they appear
     */
    public String format(Object data, List<Column> columns, TextTable table) {
        switch (this) {
            case JSON:
                return Json.compact(data) + "\n";
            case JSON_PRETTY:
                return Json.pretty(data) + "\n";
            default:
                return text(data, columns, table);
        }
    }

    private static String text(Object data, List<Column> columns, TextTable table) {
        if (data == null) {
            return "";
        }
        if (data instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().noneMatch(e -> e instanceof Map)) {
                StringBuilder sb = new StringBuilder();
                list.forEach(e -> sb.append(Column.plain(e)).append('\n'));
                return sb.toString();
            }
            List<Column> cols = columns.isEmpty() ? keysOf(list) : columns;
            List<List<String>> rows = new ArrayList<>();
            for (Object item : list) {
                Map<?, ?> m = item instanceof Map<?, ?> mm ? mm : Map.of();
                List<String> row = new ArrayList<>();
                cols.forEach(c -> row.add(c.render(m.get(c.key()))));
                rows.add(row);
            }
            return table.render(cols.stream().map(Column::header).toList(), rows);
        }
        if (data instanceof Map<?, ?> m) {
            List<Column> cols = columns.isEmpty() ? keysOf(List.of(m)) : columns;
            List<List<String>> rows = new ArrayList<>();
            for (Column c : cols) {
                if (m.get(c.key()) != null || !columns.isEmpty()) {
                    rows.add(List.of(c.header(), c.render(m.get(c.key()))));
                }
            }
            return table.render(List.of("Name", "Value"), rows);
        }
        return Column.plain(data) + "\n";
    }

    private static List<Column> keysOf(List<?> list) {
        Set<String> keys = new LinkedHashSet<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> keys.add(String.valueOf(k)));
            }
        }
        return keys.stream().map(Column::of).toList();
    }
}
