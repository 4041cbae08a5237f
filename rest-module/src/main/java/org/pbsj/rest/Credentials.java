package org.pbsj.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.ServiceException;

/**
 * Turns the credentials of an HTTP request into a caller ({@code rest-api.md} §2.3–2.4): the
 * {@code PBSAuthCookie} ticket (plus the CSRF header for anything but GET/HEAD) wins over an
 * {@code Authorization: PBSAPIToken} header. Shared by the JAX-RS filter and the protocol upgrade.
 */
final class Credentials {
    private static final String TOKEN_PREFIX = "PBSAPIToken";

    private Credentials() {
    }

    static AuthService.Caller authenticate(AuthService auth, String method, String ticketCookie,
            String csrfHeader, String authorizationHeader) {
        if (ticketCookie != null && !ticketCookie.isEmpty()) {
            String ticket = URLDecoder.decode(ticketCookie, StandardCharsets.UTF_8);
            boolean needsCsrf = !"GET".equals(method) && !"HEAD".equals(method);
            return auth.authenticateTicket(ticket, needsCsrf, csrfHeader);
        }
        if (authorizationHeader == null || !authorizationHeader.startsWith(TOKEN_PREFIX)
                || authorizationHeader.length() <= TOKEN_PREFIX.length() + 1) {
            throw ServiceException.unauthorized("authentication failed - no authentication credentials provided.");
        }
        char sep = authorizationHeader.charAt(TOKEN_PREFIX.length());
        if (sep != '=' && sep != ' ') {
            throw ServiceException.unauthorized("authentication failed - invalid API token header");
        }
        String value = authorizationHeader.substring(TOKEN_PREFIX.length() + 1);
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw ServiceException.unauthorized("authentication failed - invalid API token header");
        }
        String secret = URLDecoder.decode(value.substring(colon + 1), StandardCharsets.UTF_8);
        return auth.authenticateToken(value.substring(0, colon), secret);
    }
}
