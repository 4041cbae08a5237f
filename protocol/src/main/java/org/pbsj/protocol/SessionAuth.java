package org.pbsj.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the upgrade request of a protocol session authenticates ({@code backup-protocol.md} §1.3):
 * the HTTP headers to send. A ticket sends its cookie and CSRF token, an API token its
 * {@code Authorization} header.
 */
public interface SessionAuth {
    /** No credentials: the server answers 401. */
    SessionAuth NONE = Map::of;

    /** Header name → value, in sending order. */
    Map<String, String> sessionHeaders();

    /** {@code Authorization: PBSAPIToken=<tokenid>:<secret>}. */
    static SessionAuth apiToken(String tokenId, String secret) {
        String value = "PBSAPIToken=" + tokenId + ":" + secret;
        return () -> Map.of("Authorization", value);
    }

    /** A login ticket: {@code Cookie: PBSAuthCookie=<percent-encoded ticket>} and the CSRF token. */
    static SessionAuth ticket(String ticket, String csrfToken) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cookie", "PBSAuthCookie=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
        h.put("CSRFPreventionToken", csrfToken);
        Map<String, String> headers = Map.copyOf(h);
        return () -> headers;
    }
}
