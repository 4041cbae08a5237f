package org.pbsj.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.task.TaskLogFile;
import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.TaskService;

/**
 * One task: its status and its log. While the task runs, the page polls {@link #poll()} over
 * Ajax; each poll reads only the lines after those already shown, like PBS's task viewer.
 */
@Named
@ViewScoped
public class TaskLogView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    TaskService tasks;

    private String upid;
    private TaskService.TaskInfo info;
    private final List<String> lines = new ArrayList<>();
    private boolean active;

    public void load() {
        lines.clear();
        poll();
    }

    /** Reads the status and the new log lines; the page stops polling once the task ended. */
    public void poll() {
        try {
            info = tasks.status(session.caller(), upid);
            TaskService.LogPage log = tasks.readLog(session.caller(), upid, lines.size() + 1L, 0);
            for (TaskLogFile.Line l : log.lines()) {
                lines.add(l.text());
            }
            // a task that ended between the two calls: read once more on the next poll
            active = log.active() || info.isRunning();
        } catch (ServiceException e) {
            Messages.error(e);
            active = false;
        }
    }

    public String stop() {
        try {
            tasks.stop(session.caller(), upid);
        } catch (ServiceException e) {
            Messages.error(e);
        }
        return null;
    }

    public String getUpid() {
        return upid;
    }

    public void setUpid(String upid) {
        this.upid = upid;
    }

    public TaskService.TaskInfo getInfo() {
        return info;
    }

    public List<String> getLines() {
        return lines;
    }

    public String getText() {
        return String.join("\n", lines);
    }

    public boolean isActive() {
        return active;
    }
}
