package org.pbsj.core.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.error.CorruptDataException;

/** Recursive-descent parser behind {@link Json#parse}; strict like serde_json. */
final class JsonParser {
    final String s;
    final String source;
    int pos;

    JsonParser(String s, String source) {
        this.s = s;
        this.source = source;
    }

    /** Errors name the UTF-8 byte offset, the unit every other format error uses. */
    CorruptDataException error(String msg) {
        long offset = s.substring(0, Math.min(pos, s.length())).getBytes(StandardCharsets.UTF_8).length;
        return new CorruptDataException(source, offset, "invalid JSON: " + msg);
    }

    void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    Object value(int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw error("nesting too deep");
        }
        if (pos >= s.length()) {
            throw error("unexpected end of input");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWs();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw error("expected object key");
            }
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, v);
            skipWs();
            if (pos >= s.length()) {
                throw error("unterminated object");
            }
            char c = s.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    List<Object> array(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        skipWs();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWs();
            list.add(value(depth + 1));
            skipWs();
            if (pos >= s.length()) {
                throw error("unterminated array");
            }
            char c = s.charAt(pos++);
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    char unit = hex4();
                    if (Character.isLowSurrogate(unit)) {
                        throw error("lone trailing surrogate in \\u escape");
                    }
                    sb.append(unit);
                    if (Character.isHighSurrogate(unit)) {
                        // serde_json only accepts a surrogate pair written as two escapes
                        if (!s.startsWith("\\u", pos)) {
                            throw error("lone leading surrogate in \\u escape");
                        }
                        pos += 2;
                        char low = hex4();
                        if (!Character.isLowSurrogate(low)) {
                            throw error("lone leading surrogate in \\u escape");
                        }
                        sb.append(low);
                    }
                    break;
                default:
                    pos--;
                    throw error("bad escape '\\" + e + "'");
            }
        }
    }

    /** Four hex digits; {@code Integer.parseInt} would also take a sign, so check by hand. */
    char hex4() {
        if (pos + 4 > s.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos), 16);
            if (d < 0 || s.charAt(pos) > 'f') {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    /** ASCII digits only: {@code Character.isDigit} also accepts other scripts' digits. */
    int digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    Object number() {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        int intStart = pos;
        if (digits() == 0) {
            throw error("bad number");
        }
        if (s.charAt(intStart) == '0' && pos - intStart > 1) {
            throw error("leading zero in number");
        }
        boolean integral = true;
        if (pos < s.length() && s.charAt(pos) == '.') {
            integral = false;
            pos++;
            if (digits() == 0) {
                throw error("bad fraction");
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("bad exponent");
            }
        }
        String num = s.substring(start, pos);
        if (integral) {
            if (num.length() <= 18) {
                return Long.parseLong(num);
            }
            // serde_json: i64, else u64, else the integer degrades to f64
            BigInteger big = new BigInteger(num);
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            if (big.signum() > 0 && big.bitLength() == 64) {
                return big;
            }
        }
        double d = Double.parseDouble(num);
        if (Double.isInfinite(d)) {
            throw error("number out of range");
        }
        return d;
    }
}
