package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.RemoteService;
import org.pbsj.server.application.SyncJobService;

/**
 * A datastore's "Sync Jobs" tab: the pull jobs into this datastore with their last run (linked
 * to its task log) and next run; add, edit, run now, remove. {@code ?store=} is the view parameter.
 */
@Named
@ViewScoped
public class SyncJobsView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String PAGE = "syncjobs";

    @Inject
    UserSession session;
    @Inject
    SyncJobService syncJobs;
    @Inject
    RemoteService remotes;

    private String store;
    private List<SyncJobService.Listed> jobs = List.of();
    private List<RemoteService.Remote> remoteList = List.of();
    private SyncJobForm form = new SyncJobForm();
    private String editing;

    public void load() {
        jobs = Messages.orElse(() -> syncJobs.listWithStatus(session.caller(), store), List.of());
        remoteList = Messages.orElse(() -> remotes.list(session.caller()), List.of());
    }

    public String save() {
        return Messages.run(() -> {
            if (editing == null) {
                syncJobs.create(session.caller(), form.toJob(store));
                Messages.info("Sync job '" + form.getId() + "' created.");
            } else {
                syncJobs.update(session.caller(), editing, form.toJob(null), form.cleared(), null);
                Messages.info("Sync job '" + editing + "' saved.");
            }
            return Links.tab(PAGE, store);
        });
    }

    public void edit(SyncJobService.Listed job) {
        form = SyncJobForm.of(job.job());
        editing = job.job().id();
    }

    public void cancelEdit() {
        form = new SyncJobForm();
        editing = null;
    }

    public String run(String id) {
        return Messages.run(() -> Links.task(syncJobs.run(session.caller(), id)));
    }

    public String remove(String id) {
        return Messages.run(() -> {
            syncJobs.delete(session.caller(), id, null);
            Messages.info("Sync job '" + id + "' removed.");
            return Links.tab(PAGE, store);
        });
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public List<SyncJobService.Listed> getJobs() {
        return jobs;
    }

    public List<RemoteService.Remote> getRemotes() {
        return remoteList;
    }

    public SyncJobForm getForm() {
        return form;
    }

    public String getEditing() {
        return editing;
    }
}
