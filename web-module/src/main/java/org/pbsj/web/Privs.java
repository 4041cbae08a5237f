package org.pbsj.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.PermissionService;
import org.pbsj.server.application.ServiceException;

/**
 * Which buttons and tabs to show: asks {@link PermissionService} whether the logged-in user has
 * any of the named privileges on an ACL path ({@code #{privs.at('/remote', 'Remote.Modify')}},
 * {@code #{privs.ds(store, ns, 'Datastore.Modify,Datastore.Prune')}}). Only presentation: every
 * action is checked again by its service. Answers are cached for the request.
 */
@Named
@RequestScoped
public class Privs {
    @Inject
    UserSession session;
    @Inject
    PermissionService permissions;

    private final Map<String, Boolean> cache = new HashMap<>();

    /** Any of the comma-separated privileges on {@code path}. */
    public boolean at(String path, String names) {
        if (!session.isLoggedIn() || path == null) {
            return false;
        }
        return cache.computeIfAbsent(path + " " + names, k -> permissions.hasAny(session.caller(), path,
                Arrays.stream(names.split(",")).map(String::trim).toList()));
    }

    /** Any of the privileges on a datastore namespace ({@code ns} empty or null: the datastore). */
    public boolean ds(String store, String ns, String names) {
        try {
            return store != null && at(PermissionService.datastorePath(store, ns), names);
        } catch (ServiceException e) {
            return false; // a malformed name: the view shows the service's own refusal
        }
    }
}
