package org.pbsj.web;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends requests without a logged-in session to the login page: a redirect for page requests, a
 * Faces partial-response redirect for Ajax requests (so a poll after the session expired lands on
 * the login page instead of failing silently). The login page and static resources are public.
 */
@WebFilter(urlPatterns = "/*")
public class LoginFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    UserSession session;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (isPublic(path) || req.getSession(false) != null && session.isLoggedIn()) {
            res.setHeader("Cache-Control", "no-store");
            chain.doFilter(req, res);
            return;
        }
        String login = req.getContextPath() + LOGIN_PAGE;
        if ("partial/ajax".equals(req.getHeader("Faces-Request"))) {
            res.setContentType("text/xml");
            res.setCharacterEncoding("UTF-8");
            res.getWriter().printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<partial-response><redirect url=\"%s\"></redirect></partial-response>", login);
            return;
        }
        res.sendRedirect(login);
    }

    static boolean isPublic(String path) {
        return path.equals(LOGIN_PAGE) || path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/")
                || path.equals("/favicon.ico");
    }
}
