package org.pbsj.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.ext.Provider;

import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.ServiceException;

/**
 * Authenticates every request except the public ones: the {@code PBSAuthCookie} ticket (with
 * the CSRF header on anything but GET) or an {@code Authorization: PBSAPIToken} header. Cookie
 * auth wins when both are present, as in PBS.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    public static final String CALLER = "pbsj.caller";
    private static final Set<String> PUBLIC = Set.of("ping", "access/ticket", "access/domains");

    @Inject
    AuthService auth;

    @Override
    public void filter(ContainerRequestContext req) {
        String path = req.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        if (PUBLIC.contains(path)) {
            return;
        }
        Cookie cookie = req.getCookies().get("PBSAuthCookie");
        AuthService.Caller caller;
        if (cookie != null && !cookie.getValue().isEmpty()) {
            String ticket = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
            boolean needsCsrf = !"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod());
            caller = auth.authenticateTicket(ticket, needsCsrf, req.getHeaderString("CSRFPreventionToken"));
        } else {
            caller = tokenCaller(req.getHeaderString("Authorization"));
        }
        req.setProperty(CALLER, caller);
    }

    private AuthService.Caller tokenCaller(String header) {
        if (header == null || !header.startsWith("PBSAPIToken") || header.length() < 13) {
            throw ServiceException.unauthorized("authentication failed - no authentication credentials provided.");
        }
        char sep = header.charAt("PBSAPIToken".length());
        if (sep != '=' && sep != ' ') {
            throw ServiceException.unauthorized("authentication failed - invalid API token header");
        }
        String value = header.substring("PBSAPIToken".length() + 1);
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw ServiceException.unauthorized("authentication failed - invalid API token header");
        }
        String secret = URLDecoder.decode(value.substring(colon + 1), StandardCharsets.UTF_8);
        return auth.authenticateToken(value.substring(0, colon), secret);
    }

    /** The caller the filter authenticated (request properties are servlet request attributes). */
    public static AuthService.Caller caller(HttpServletRequest req) {
        AuthService.Caller c = (AuthService.Caller) req.getAttribute(CALLER);
        if (c == null) {
            throw ServiceException.unauthorized("authentication failed - no authentication credentials provided.");
        }
        return c;
    }
}
