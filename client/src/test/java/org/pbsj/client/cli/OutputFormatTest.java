package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OutputFormatTest {
    static Map<String, Object> store(String name, String path, String comment) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("path", path);
        m.put("comment", comment);
        return m;
    }

    static final List<Object> STORES = List.of(store("store1", "/srv/s1", "first"), store("big", "/srv/big-store", null));
    static final List<Column> COLUMNS = List.of(Column.of("name"), Column.of("path"), Column.of("comment"));

    @Test
    void textTableLikePbs() {
        String expected = ""
                + "┌────────┬────────────────┬─────────┐\n"
                + "│ name   │ path           │ comment │\n"
                + "╞════════╪════════════════╪═════════╡\n"
                + "│ store1 │ /srv/s1        │ first   │\n"
                + "├────────┼────────────────┼─────────┤\n"
                + "│ big    │ /srv/big-store │         │\n"
                + "└────────┴────────────────┴─────────┘\n";
        assertEquals(expected, OutputFormat.TEXT.format(STORES, COLUMNS));
    }

    @Test
    void textWithoutBorderOrHeader() {
        String expected = "store1 /srv/s1        first\nbig    /srv/big-store\n";
        assertEquals(expected, OutputFormat.TEXT.format(STORES, COLUMNS, new TextTable(false, false)));
    }

    @Test
    void objectAsNameValueTable() {
        String expected = ""
                + "┌─────────┬─────────┐\n"
                + "│ Name    │ Value   │\n"
                + "╞═════════╪═════════╡\n"
                + "│ name    │ store1  │\n"
                + "├─────────┼─────────┤\n"
                + "│ path    │ /srv/s1 │\n"
                + "├─────────┼─────────┤\n"
                + "│ comment │ first   │\n"
                + "└─────────┴─────────┘\n";
        assertEquals(expected, OutputFormat.TEXT.format(STORES.get(0), List.of()));
    }

    @Test
    void jsonFormats() {
        assertEquals("[{\"name\":\"store1\",\"path\":\"/srv/s1\",\"comment\":\"first\"},"
                + "{\"name\":\"big\",\"path\":\"/srv/big-store\",\"comment\":null}]\n", OutputFormat.JSON.format(STORES, COLUMNS));
        assertEquals("{\n  \"comment\": \"first\",\n  \"name\": \"store1\",\n  \"path\": \"/srv/s1\"\n}\n",
                OutputFormat.JSON_PRETTY.format(STORES.get(0), COLUMNS));
        assertEquals("null\n", OutputFormat.JSON.format(null, List.of()));
    }

    @Test
    void renderersAndScalars() {
        assertEquals("1", Column.plain(true));
        assertEquals("never", Column.expire(0L));
        assertEquals("never", Column.expire(null));
        assertEquals("", OutputFormat.TEXT.format(null, List.of()));
        assertEquals("a\nb\n", OutputFormat.TEXT.format(List.of("a", "b"), List.of()));
        assertEquals("42\n", OutputFormat.TEXT.format(42L, List.of()));
    }

    @Test
    void multiLineCells() {
        String t = new TextTable(true, true).render(List.of("k", "v"), List.of(List.of("a", "x\nyy")));
        assertEquals("┌───┬────┐\n│ k │ v  │\n╞═══╪════╡\n│ a │ x  │\n│   │ yy │\n└───┴────┘\n", t);
    }

    @Test
    void parseNames() {
        assertEquals(OutputFormat.JSON_PRETTY, OutputFormat.parse("json-pretty"));
        assertThrows(UsageException.class, () -> OutputFormat.parse("yaml"));
    }
}
