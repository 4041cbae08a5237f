package org.pbsj.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.error.CorruptDataException;

class JsonTest {

    @Test
    void parsesAllValueTypes() {
        Object v = Json.parse("{\"s\":\"x\",\"i\":-5,\"f\":1.5,\"t\":true,\"n\":null,\"a\":[1,{}]}");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "x");
        expected.put("i", -5L);
        expected.put("f", 1.5);
        expected.put("t", true);
        expected.put("n", null);
        expected.put("a", List.of(1L, Map.of()));
        assertEquals(expected, v);
    }

    @Test
    void integersFollowSerdeJsonRanges() {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(new BigInteger("18446744073709551615"), Json.parse("18446744073709551615"));
        // beyond u64 / i64 serde_json degrades to f64
        assertEquals(1.8446744073709552E19, Json.parse("18446744073709551616"));
        assertEquals(-9.223372036854775809E18, Json.parse("-9223372036854775809"));
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertEquals("a\"\\/\b\f\n\r\t\u00e9\ud83d\ude00", Json.parse("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
    }

    @Test
    void prettyMatchesSerdeJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1L, "x"));
        m.put("a", Map.of());
        m.put("c", List.of());
        m.put("d", null);
        m.put("e", Map.of("z", 1L));
        assertEquals("{\n  \"a\": {},\n  \"b\": [\n    1,\n    \"x\"\n  ],\n  \"c\": [],\n  \"d\": null,\n"
                + "  \"e\": {\n    \"z\": 1\n  }\n}", Json.pretty(m));
    }

    @Test
    void compactKeepsInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", null);
        assertEquals("{\"b\":1,\"a\":null}", Json.compact(m));
    }

    @Test
    void canonicalSortsByUtf8BytesNotUtf16() {
        // U+E000 vs U+10000: UTF-16 units (0xE000 > 0xD800) put U+10000 first, UTF-8 bytes put it last
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("\ud800\udc00", 1L);
        m.put("\ue000", 2L);
        m.put("B", 3L);
        m.put("a", 4L);
        assertEquals("{\"B\":3,\"a\":4,\"\ue000\":2,\"\ud800\udc00\":1}", Json.canonical(m));
    }

    @Test
    void canonicalStringEscaping() {
        String s = "\"\\/\u0008\t\n\u000c\r\u0001\u001f\u007f\u00e9";
        assertEquals("\"\\\"\\\\/\\b\\t\\n\\f\\r\\u0001\\u001f\u007f\u00e9\"", Json.canonical(s));
        assertArrayEquals("[\"\u00e9\"]".getBytes(StandardCharsets.UTF_8), Json.canonicalUtf8(List.of("\u00e9")));
    }

    @Test
    void canonicalRejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Json.canonical(Arrays.asList(1L, null)));
    }

    @Test
    void writerRejectsLoneSurrogate() {
        assertThrows(IllegalArgumentException.class, () -> Json.compact("\ud800x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0|1.0", "0.1|0.1", "-0.0|-0.0", "1.5E-5|0.000015", "1.0E-5|0.00001", "1.0E-6|1e-6",
        "1.234E-7|1.234e-7", "1.0E16|1e16", "1.2345E16|1.2345e16", "9.99E15|9990000000000000.0",
        "123456.789|123456.789", "1.0E300|1e300", "2.82879384806159E17|2.82879384806159e17"})
    void floatsUseRyuFormat(double d, String expected) {
        assertEquals(expected, Json.compact(d));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "[1,]", "[1", "\"abc", "\"\\u12", "tru", "nul",
        "01", "-", "1.", "1e", "+1", ".5", "{a:1}", "{\"a\" 1}", "[1 2]", "1 2", "\"\\x\"", "\"\\u+123\"",
        "\"\\u-123\"", "\"\\uzzzz\"", "\"\\ud800\"", "\"\\ud800\\u0041\"", "\"\\udc00\"", "\"a\u0001\"",
        "1e999", "\u0661", "[\u0661]", "{\"a\":1,\"a\":2}", "\ufeff{}", "'a'", "NaN", "Infinity"})
    void malformedInputIsCorruptData(String text) {
        assertThrows(CorruptDataException.class, () -> Json.parse(text, "t.json"));
    }

    @Test
    void duplicateKeyIsRejectedAtItsPosition() {
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Json.parse("{\"a\":1,\"a\":2}", "dup.json"));
        assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
        assertEquals("dup.json", e.source());
    }

    @Test
    void everyTruncationOfAValidDocumentFails() {
        String doc = "{\"k\":[1,-2.5e3,\"x\\n\\u00e9\",true,false,null,{\"z\":{}}]}";
        Json.parse(doc);
        for (int len = 0; len < doc.length(); len++) {
            String cut = doc.substring(0, len);
            assertThrows(CorruptDataException.class, () -> Json.parse(cut), cut);
        }
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting too deep"));
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Json.parse(ok);
    }

    @Test
    void invalidUtf8IsRejectedWithByteOffset() {
        byte[] bytes = {'"', 'a', (byte) 0xC3, '"'};
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Json.parse(bytes, "x"));
        assertEquals(2, e.offset());
    }

    @Test
    void errorOffsetIsInUtf8Bytes() {
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Json.parse("[\"\u00e9\u00e9\",x]".getBytes(StandardCharsets.UTF_8), "x"));
        assertEquals(8, e.offset());
    }

    @Test
    void roundTripPrettyAndCanonical() {
        String doc = "{\"z\":[1,2,{\"b\":\"\\u0000\",\"a\":true}],\"a\":\"\u00e9\ud83d\ude00\"}";
        Object v = Json.parse(doc);
        assertEquals(v, Json.parse(Json.pretty(v)));
        assertEquals(v, Json.parse(Json.canonical(v)));
        assertEquals(v, Json.parse(Json.compact(v)));
        assertEquals("{\"a\":\"\u00e9\ud83d\ude00\",\"z\":[1,2,{\"a\":true,\"b\":\"\\u0000\"}]}", Json.canonical(v));
    }
}
