package org.pbsj.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.error.CorruptDataException;

/**
 * Minimal JSON for the formats core owns (manifest, key files, status files), with the three
 * output styles PBS uses: compact in insertion order (serde_json {@code to_string} of a struct),
 * pretty with sorted keys (serde_json pretty printer over a generic value) and canonical
 * (input to manifest signatures, {@code manifest.md} §3).
 *
 * <p>Values are {@link Map} (insertion ordered), {@link List}, {@link String}, {@link Long} or
 * {@link BigInteger} (integers), {@link Double} (other numbers), {@link Boolean} and
 * {@code null}. Core has no JSON library on purpose: it depends on the JDK and crypto only.
 */
public final class Json {
    /** Nesting deeper than this is treated as hostile input. */
    public static final int MAX_DEPTH = 256;

    private Json() {
    }

    // ---------------------------------------------------------------- parsing

    public static Object parse(String text) {
        return parse(text, null);
    }

    /** Parses UTF-8 bytes; invalid UTF-8 is an error (serde_json {@code from_slice} refuses it too). */
    public static Object parse(byte[] utf8, String source) {
        return parse(decodeUtf8(utf8, source), source);
    }

    /** Parses UTF-8 bytes and requires a JSON object. */
    public static Map<String, Object> parseObject(byte[] utf8, String source) {
        return parseObject(decodeUtf8(utf8, source), source);
    }

    private static String decodeUtf8(byte[] utf8, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the bad sequence, so the buffer position is its offset
            throw new CorruptDataException(source, in.position(), "invalid JSON: malformed UTF-8", e);
        }
    }

    /** Parses one JSON value; trailing non-whitespace is an error. */
    public static Object parse(String text, String source) {
        JsonParser p = new JsonParser(text, source);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("trailing characters after JSON value");
        }
        return v;
    }

    /** Parses and requires a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, String source) {
        Object v = parse(text, source);
        if (!(v instanceof Map)) {
            throw new CorruptDataException(source, 0, "expected a JSON object");
        }
        return (Map<String, Object>) v;
    }

    // ---------------------------------------------------------------- writing

    /** Compact, keys in insertion order (serde_json {@code to_string}). Nulls written as null. */
    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, false, -1, false);
        return sb.toString();
    }

    /** serde_json pretty printer: 2-space indent, {@code ": "}, keys sorted, no final newline. */
    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, true, 0, true);
        return sb.toString();
    }

    /** serde_json pretty printer over a struct: like {@link #pretty} but keys in insertion order. */
    public static String prettyInOrder(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, false, 0, true);
        return sb.toString();
    }

    /**
     * Canonical form of {@code manifest.md} §3: keys sorted by UTF-8 bytes, no whitespace,
     * {@code null} rejected.
     */
    public static String canonical(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, true, -1, false, true);
        return sb.toString();
    }

    /** {@link #canonical} as the UTF-8 bytes that get signed. */
    public static byte[] canonicalUtf8(Object value) {
        return canonical(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Orders strings by their UTF-8 encoding, as Rust's {@code str} ordering does. */
    public static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static void write(StringBuilder sb, Object v, boolean sorted, int indent, boolean pretty) {
        write(sb, v, sorted, indent, pretty, false);
    }

    private static void write(StringBuilder sb, Object v, boolean sorted, int indent, boolean pretty,
            boolean rejectNull) {
        if (v == null) {
            if (rejectNull) {
                throw new IllegalArgumentException("null is not allowed in canonical JSON");
            }
            sb.append("null");
        } else if (v instanceof String str) {
            string(sb, str);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON cannot represent " + d);
            }
            sb.append(JsonNumbers.formatDouble(d));
        } else if (v instanceof BigDecimal bd) {
            sb.append(bd.toPlainString());
        } else if (v instanceof Map<?, ?> m) {
            List<String> keys = new ArrayList<>();
            for (Object k : m.keySet()) {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings: " + k);
                }
                keys.add(key);
            }
            if (sorted) {
                keys.sort(UTF8_ORDER);
            }
            if (keys.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, pretty, indent + 1);
                string(sb, k);
                sb.append(pretty ? ": " : ":");
                write(sb, m.get(k), sorted, indent + 1, pretty, rejectNull);
            }
            newline(sb, pretty, indent);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (Object e : l) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, pretty, indent + 1);
                write(sb, e, sorted, indent + 1, pretty, rejectNull);
            }
            newline(sb, pretty, indent);
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
        }
    }

    private static void newline(StringBuilder sb, boolean pretty, int indent) {
        if (pretty) {
            sb.append('\n');
            sb.append("  ".repeat(Math.max(0, indent)));
        }
    }

    /** serde_json string escaping: short escapes, other controls as lowercase \\u00xx. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\t': sb.append("\\t"); break;
                case '\n': sb.append("\\n"); break;
                case '\f': sb.append("\\f"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    if (Character.isSurrogate(c) && !isPairAt(s, i)) {
                        throw new IllegalArgumentException("lone surrogate in JSON string at index " + i);
                    }
                    if (Character.isHighSurrogate(c)) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static boolean isPairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** An insertion-ordered object builder for writers that must keep a field order. */
    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    public static List<Object> emptyArray() {
        return Collections.emptyList();
    }
}
