package org.pbsj.rest;

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
        req.setProperty(CALLER, Credentials.authenticate(auth, req.getMethod(),
                cookie == null ? null : cookie.getValue(), req.getHeaderString("CSRFPreventionToken"),
                req.getHeaderString("Authorization")));
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
