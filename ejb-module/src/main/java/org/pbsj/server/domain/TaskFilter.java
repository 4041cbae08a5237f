package org.pbsj.server.domain;

import java.util.Set;

import org.pbsj.core.task.TaskState;

/**
 * The filters of {@code GET /nodes/{node}/tasks} ({@code rest-api.md} §6.3), plus whose tasks
 * the caller may see.
 *
 * @param owner       null: all tasks; else only tasks of this auth id
 * @param ownerTokens with {@code owner}: also the tasks of the owner's API tokens (users only)
 * @param userfilter  substring of the auth id
 * @param typefilter  substring of the worker type
 * @param since       tasks running or ended at or after this epoch
 * @param until       tasks started at or before this epoch
 * @param statusfilter stopped tasks in one of these states; empty = no filter
 */
public record TaskFilter(String owner, boolean ownerTokens, String store, boolean running, boolean errors,
                         String userfilter, String typefilter, Long since, Long until,
                         Set<TaskState.Kind> statusfilter) {
    public TaskFilter {
        statusfilter = statusfilter == null ? Set.of() : Set.copyOf(statusfilter);
    }

    public static TaskFilter all() {
        return new TaskFilter(null, false, null, false, false, null, null, null, null, Set.of());
    }

    public TaskFilter ownedBy(String authId, boolean withTokens) {
        return new TaskFilter(authId, withTokens, store, running, errors, userfilter, typefilter, since, until, statusfilter);
    }
}
