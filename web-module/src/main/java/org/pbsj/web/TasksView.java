package org.pbsj.web;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.task.TaskState;
import org.pbsj.server.application.TaskService;
import org.pbsj.server.domain.TaskFilter;

/**
 * The task list with PBS's filters (type, user, datastore, status, running only) and paging.
 * The service decides whose tasks the caller sees.
 */
@Named
@ViewScoped
public class TasksView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int PAGE = 50;

    @Inject
    UserSession session;
    @Inject
    TaskService tasks;

    private String typefilter;
    private String userfilter;
    private String store;
    private String status = "";
    private boolean running;
    private int start;
    private TaskService.TaskPage page = new TaskService.TaskPage(List.of(), 0);

    public void load() {
        Set<TaskState.Kind> kinds = status == null || status.isEmpty() ? Set.of()
                : Set.of(TaskState.Kind.byFilterName(status));
        TaskFilter filter = new TaskFilter(null, false, DatastoresView.blankToNull(store), running, false,
                DatastoresView.blankToNull(userfilter), DatastoresView.blankToNull(typefilter), null, null, kinds);
        page = Messages.orElse(() -> tasks.list(session.caller(), filter, start, PAGE), page);
    }

    public void apply() {
        start = 0;
        load();
    }

    public void next() {
        start += PAGE;
        load();
    }

    public void previous() {
        start = Math.max(0, start - PAGE);
        load();
    }

    public boolean isHasNext() {
        return page.total() > start + page.tasks().size();
    }

    public boolean isHasPrevious() {
        return start > 0;
    }

    public List<TaskService.TaskInfo> getTasks() {
        return page.tasks();
    }

    public int getStart() {
        return start;
    }

    public String getTypefilter() {
        return typefilter;
    }

    public void setTypefilter(String typefilter) {
        this.typefilter = typefilter;
    }

    public String getUserfilter() {
        return userfilter;
    }

    public void setUserfilter(String userfilter) {
        this.userfilter = userfilter;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public boolean isRunning() {
        return running;
    }

    public void setRunning(boolean running) {
        this.running = running;
    }
}
