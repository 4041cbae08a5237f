package org.pbsj.rest;

import java.util.Collection;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * PBS's JSON envelope ({@code rest-api.md} §1.3): {@code {"data": …}} plus optional attributes.
 * Null members are left out, as serde skips {@code None}.
 */
public final class Envelope {
    public static final MediaType JSON_UTF8 = MediaType.valueOf("application/json;charset=UTF-8");

    private Envelope() {
    }

    public static Response ok(Object data) {
        return Response.ok(Json.createObjectBuilder().add("data", toJson(data)).build().toString(), JSON_UTF8).build();
    }

    public static Response ok(Object data, Map<String, Object> attributes) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("data", toJson(data));
        attributes.forEach((k, v) -> b.add(k, toJson(v)));
        return Response.ok(b.build().toString(), JSON_UTF8).build();
    }

    /** Errors are the plain message text with the error's status, not JSON. */
    public static Response error(int status, String message) {
        return Response.status(status).type(JSON_UTF8).entity(message).build();
    }

    /** Converts maps (kept in order, null values dropped), collections and scalars to JSON. */
    public static JsonValue toJson(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof String s) {
            return Json.createValue(s);
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return Json.createValue(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return Json.createValue(n.doubleValue());
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            m.forEach((k, val) -> {
                if (val != null) {
                    b.add(k.toString(), toJson(val));
                }
            });
            return b.build();
        }
        if (v instanceof Collection<?> c) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            c.forEach(e -> b.add(toJson(e)));
            return b.build();
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }
}
