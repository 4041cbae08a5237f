package org.pbsj.rest.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import org.pbsj.core.backup.BackupProtocolException;
import org.pbsj.core.json.Json;

/**
 * One request inside an HTTP/2 protocol session: its parameters (query, plus a JSON or form body
 * for non-upload calls, {@code backup-protocol.md} §4), bounded body reads and PBS's answers.
 */
final class ProtocolExchange {
    static final int MAX_PARAM_BODY = 64 * 1024;

    final HttpServerExchange exchange;
    private final Map<String, List<String>> params = new LinkedHashMap<>();

    ProtocolExchange(HttpServerExchange exchange) {
        this.exchange = exchange;
        for (Map.Entry<String, Deque<String>> e : exchange.getQueryParameters().entrySet()) {
            params.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
    }

    String method() {
        return exchange.getRequestMethod().toString();
    }

    String path() {
        return exchange.getRequestPath();
    }

    /** Reads the raw body, failing as soon as it exceeds {@code limit} bytes. */
    byte[] body(long limit) throws IOException {
        InputStream in = exchange.getInputStream();
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (data.length > limit) {
            throw new BackupProtocolException("request body larger than " + limit + " bytes");
        }
        return data;
    }

    /** Merges a JSON or form body into the parameters (non-upload calls). */
    void readParameterBody() throws IOException {
        byte[] body = body(MAX_PARAM_BODY);
        if (body.length == 0) {
            return;
        }
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String mime = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (mime.equals("application/json")) {
            Map<String, Object> obj = Json.parseObject(new String(body, StandardCharsets.UTF_8), "request body");
            obj.forEach((k, v) -> {
                List<String> values = new ArrayList<>();
                if (v instanceof List<?> l) {
                    l.forEach(x -> values.add(String.valueOf(x)));
                } else if (v != null) {
                    values.add(String.valueOf(v));
                }
                params.put(k, values);
            });
        } else if (mime.isEmpty() || mime.equals("application/x-www-form-urlencoded")) {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        } else {
            throw new BackupProtocolException("unsupported content type");
        }
    }

    String string(String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw new BackupProtocolException("parameter verification errors\n\n" + name + ": parameter is missing and it is not optional.");
        }
        return v.get(v.size() - 1);
    }

    String optional(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    List<String> list(String name) {
        return params.getOrDefault(name, List.of());
    }

    long integer(String name, long min, long max) {
        String v = string(name);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BackupProtocolException("parameter verification errors\n\n" + name + ": value '" + v + "' is not an integer");
        }
        if (n < min || n > max) {
            throw new BackupProtocolException("parameter verification errors\n\n" + name + ": value must be in " + min + ".." + max);
        }
        return n;
    }

    static byte[] digest(String name, String hex) {
        if (hex == null || hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new BackupProtocolException("parameter verification errors\n\n" + name + ": value does not match the regex pattern");
        }
        return HexFormat.of().parseHex(hex);
    }

    void json(Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", data);
        send(200, "application/json;charset=UTF-8", Json.compact(envelope).getBytes(StandardCharsets.UTF_8));
    }

    void error(int status, String message) {
        send(status, "text/plain;charset=UTF-8", message.getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
