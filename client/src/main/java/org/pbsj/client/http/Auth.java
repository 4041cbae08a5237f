package org.pbsj.client.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.pbsj.protocol.SessionAuth;

/**
 * How a request authenticates ({@code rest-api.md} §2.3, §2.4); as a {@link SessionAuth} also the
 * headers of a protocol session's upgrade request.
 */
public sealed interface Auth extends SessionAuth permits Auth.None, Auth.Ticket, Auth.ApiToken {
    None NONE = new None();

    /** Unauthenticated: only {@code /ping}, {@code /access/ticket} and the like work. */
    record None() implements Auth {
        @Override
        public Map<String, String> sessionHeaders() {
            return Map.of();
        }
    }

    /** A login ticket: cookie on every request, CSRF token on all but GET. */
    record Ticket(String username, String ticket, String csrfToken) implements Auth {
        public Ticket {
            Objects.requireNonNull(username);
            Objects.requireNonNull(ticket);
            Objects.requireNonNull(csrfToken);
        }

        /** The cookie value is percent-encoded by clients and decoded by the server. */
        public String cookie() {
            return "PBSAuthCookie=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
        }

        @Override
        public Map<String, String> sessionHeaders() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Cookie", cookie());
            h.put("CSRFPreventionToken", csrfToken);
            return h;
        }

        @Override
        public String toString() {
            return "Ticket[" + username + "]";
        }
    }

    /** An API token {@code user@realm!name} with its secret; needs no CSRF token. */
    record ApiToken(String tokenId, String secret) implements Auth {
        public ApiToken {
            if (tokenId == null || tokenId.indexOf('!') < 0) {
                throw new IllegalArgumentException("not an API token id: " + tokenId);
            }
            Objects.requireNonNull(secret);
        }

        public String header() {
            return "PBSAPIToken=" + tokenId + ":" + secret;
        }

        @Override
        public Map<String, String> sessionHeaders() {
            return Map.of("Authorization", header());
        }

        /** Parses {@code user@realm!name:secret}, the form of the manager token file. */
        public static ApiToken parse(String line) {
            String s = line.strip();
            int colon = s.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected <tokenid>:<secret>");
            }
            return new ApiToken(s.substring(0, colon), s.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "ApiToken[" + tokenId + "]";
        }
    }
}
