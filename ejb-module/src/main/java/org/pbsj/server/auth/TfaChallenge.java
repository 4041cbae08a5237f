package org.pbsj.server.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.json.Json;

/**
 * What a partial ticket asks for ({@code access-control.md} §7): {@code totp} if the user may
 * answer with a TOTP code, {@code recovery} with the indices of the unused recovery keys
 * (absent when the user has no recovery keys; empty when all are used).
 */
public record TfaChallenge(boolean totp, List<Integer> recovery) {
    public TfaChallenge {
        recovery = recovery == null ? null : List.copyOf(recovery);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (totp) {
            m.put("totp", true);
        }
        if (recovery != null) {
            m.put("recovery", new ArrayList<Object>(recovery));
        }
        return Json.compact(m);
    }

    /** Parses the JSON a partial ticket carries; malformed input is an {@link IllegalArgumentException}. */
    public static TfaChallenge parse(String json) {
        Map<String, Object> m;
        try {
            m = Json.parseObject(json, "tfa challenge");
        } catch (PbsFormatException e) {
            throw new IllegalArgumentException("invalid tfa challenge", e);
        }
        boolean totp = Boolean.TRUE.equals(m.get("totp"));
        List<Integer> recovery = null;
        if (m.get("recovery") instanceof List<?> l) {
            recovery = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof Number n)) {
                    throw new IllegalArgumentException("invalid tfa challenge");
                }
                recovery.add(n.intValue());
            }
        }
        return new TfaChallenge(totp, recovery);
    }
}
