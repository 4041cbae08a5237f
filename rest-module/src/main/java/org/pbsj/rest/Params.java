package org.pbsj.rest;

import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import org.pbsj.server.application.ServiceException;

/**
 * One flat parameter object per request, from the query plus a JSON or form body
 * ({@code rest-api.md} §1.2), with PBS's value conversions and its closed schemas: a parameter
 * the method does not know is an error.
 */
public final class Params {
    public static final int MAX_BODY = 64 * 1024;

    private final Map<String, String> values = new LinkedHashMap<>();

    private Params() {
    }

    public static Params of(MultivaluedMap<String, String> query, MediaType type, String body) {
        Params p = new Params();
        query.forEach((k, v) -> {
            if (!"_dc".equals(k) && !v.isEmpty()) {
                p.values.put(k, v.get(v.size() - 1));
            }
        });
        if (body == null || body.isEmpty()) {
            return p;
        }
        if (body.length() > MAX_BODY) {
            throw ServiceException.badRequest("request body too large");
        }
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            p.putJson(body);
        } else if (type == null || type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                p.values.put(k, v);
            }
        } else {
            throw ServiceException.badRequest("unsupported content type");
        }
        return p;
    }

    private void putJson(String body) {
        JsonObject obj;
        try {
            obj = Json.createReader(new StringReader(body)).readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw ServiceException.badRequest("unable to parse JSON body: " + e.getMessage());
        }
        obj.forEach((k, v) -> {
            switch (v.getValueType()) {
                case STRING -> values.put(k, ((JsonString) v).getString());
                case NUMBER -> values.put(k, ((JsonNumber) v).toString());
                case TRUE -> values.put(k, "true");
                case FALSE -> values.put(k, "false");
                case NULL -> { }
                case ARRAY -> values.put(k, joinArray(k, v.asJsonArray()));
                default -> throw ServiceException.badRequest("parameter verification errors\n\n" + k + ": unsupported value " + v);
            }
        });
    }

    /** A JSON array of scalars becomes PBS's list form: comma-separated. */
    private static String joinArray(String k, jakarta.json.JsonArray a) {
        StringBuilder sb = new StringBuilder();
        for (JsonValue e : a) {
            if (e.getValueType() != JsonValue.ValueType.STRING && e.getValueType() != JsonValue.ValueType.NUMBER) {
                throw ServiceException.badRequest("parameter verification errors\n\n" + k + ": unsupported value " + e);
            }
            sb.append(sb.length() == 0 ? "" : ",").append(e instanceof JsonString js ? js.getString() : e.toString());
        }
        return sb.toString();
    }

    /** A list parameter ({@code a,b} or {@code a;b} or a JSON array); empty if absent. */
    public List<String> list(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(v.split("[,;\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    /** Rejects parameters outside {@code allowed}, as PBS's closed schemas do. */
    public Params allow(String... allowed) {
        Set<String> ok = Set.of(allowed);
        List<String> unknown = values.keySet().stream().filter(k -> !ok.contains(k)).toList();
        if (!unknown.isEmpty()) {
            StringBuilder sb = new StringBuilder("parameter verification errors\n");
            unknown.forEach(k -> sb.append('\n').append(k).append(": schema does not allow additional properties."));
            throw ServiceException.badRequest(sb.toString());
        }
        return this;
    }

    public String string(String name) {
        return values.get(name);
    }

    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw ServiceException.badRequest("parameter verification errors\n\n" + name + ": parameter is missing and it is not optional.");
        }
        return v;
    }

    public Boolean bool(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "on", "yes", "true": return true;
            case "0", "off", "no", "false": return false;
            default: throw ServiceException.badRequest("parameter verification errors\n\n" + name + ": value '" + v + "' is not a boolean");
        }
    }

    public Long integer(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("parameter verification errors\n\n" + name + ": value '" + v + "' is not an integer");
        }
    }

    static boolean isJsonNull(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }
}
