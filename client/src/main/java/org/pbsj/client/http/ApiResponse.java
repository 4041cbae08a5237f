package org.pbsj.client.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoded {@code /api2/json} answer ({@code rest-api.md} §1.3): {@code data} plus the result
 * attributes next to it ({@code digest}, {@code total}, ...).
 */
public record ApiResponse(Object data, Map<String, Object> attributes) {
    public ApiResponse {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes)); // values may be null
    }
}
