package org.pbsj.web;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.DatastoreStatusService;
import org.pbsj.server.application.GcService;
import org.pbsj.server.application.PruneJobService;
import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.SyncJobService;
import org.pbsj.server.application.TaskService;
import org.pbsj.server.application.VerifyJobService;
import org.pbsj.server.domain.TaskFilter;

/** The dashboard: datastore usage, running and recent tasks, GC, prune, sync and verify job states. */
@Named
@RequestScoped
public class DashboardView {
    static final int RECENT = 15;

    @Inject
    UserSession session;
    @Inject
    DatastoreStatusService status;
    @Inject
    TaskService tasks;
    @Inject
    GcService gc;
    @Inject
    PruneJobService pruneJobs;
    @Inject
    SyncJobService syncJobs;
    @Inject
    VerifyJobService verifyJobs;

    private List<DatastoreStatusService.UsageItem> usage = List.of();
    private List<TaskService.TaskInfo> running = List.of();
    private List<TaskService.TaskInfo> recent = List.of();
    private List<GcService.GcJobStatus> gcJobs = List.of();
    private List<PruneJobService.Listed> prune = List.of();
    private List<SyncJobService.Listed> sync = List.of();
    private List<VerifyJobService.Listed> verify = List.of();

    @PostConstruct
    void load() {
        try {
            usage = status.usage(session.caller());
            TaskFilter runningOnly = new TaskFilter(null, false, null, true, false, null, null, null, null, null);
            running = tasks.list(session.caller(), runningOnly, 0, RECENT).tasks();
            recent = tasks.list(session.caller(), TaskFilter.all(), 0, RECENT).tasks();
            gcJobs = gc.list(session.caller(), null);
            prune = pruneJobs.listWithStatus(session.caller(), null);
            sync = syncJobs.listWithStatus(session.caller(), null);
            verify = verifyJobs.listWithStatus(session.caller(), null);
        } catch (ServiceException e) {
            Messages.error(e);
        }
    }

    public List<DatastoreStatusService.UsageItem> getUsage() {
        return usage;
    }

    public List<TaskService.TaskInfo> getRunning() {
        return running;
    }

    public List<TaskService.TaskInfo> getRecent() {
        return recent;
    }

    public List<GcService.GcJobStatus> getGcJobs() {
        return gcJobs;
    }

    public List<PruneJobService.Listed> getPruneJobs() {
        return prune;
    }

    public List<SyncJobService.Listed> getSyncJobs() {
        return sync;
    }

    public List<VerifyJobService.Listed> getVerifyJobs() {
        return verify;
    }
}
