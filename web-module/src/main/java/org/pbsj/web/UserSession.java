package org.pbsj.web;

import java.io.Serializable;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;

import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.ServiceException;

/**
 * Who is logged in to this browser session: only the auth id, set after a full login (password,
 * and the second factor if the user has one). Every view bean passes {@link #caller()} to the
 * services, which do the privilege checks as they do for the REST API.
 */
@Named
@SessionScoped
public class UserSession implements Serializable {
    private static final long serialVersionUID = 1L;

    private String authId;

    public boolean isLoggedIn() {
        return authId != null;
    }

    /** The auth id shown in the header, or null. */
    public String getAuthId() {
        return authId;
    }

    /** The caller for service calls; 401 if nobody is logged in (the login filter prevents that). */
    public AuthService.Caller caller() {
        if (authId == null) {
            throw ServiceException.unauthorized("authentication failed - no authentication credentials provided.");
        }
        return new AuthService.Caller(authId);
    }

    void loggedIn(String authId) {
        this.authId = authId;
    }
}
