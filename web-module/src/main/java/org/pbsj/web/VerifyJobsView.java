package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.VerifyJobService;

/**
 * A datastore's "Verify Jobs" tab: verification jobs with their last run (linked to its task
 * log) and next run; add, edit, run now, remove. {@code ?store=} is the view parameter.
 */
@Named
@ViewScoped
public class VerifyJobsView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String PAGE = "verifyjobs";

    @Inject
    UserSession session;
    @Inject
    VerifyJobService verifyJobs;

    private String store;
    private List<VerifyJobService.Listed> jobs = List.of();
    private VerifyJobForm form = new VerifyJobForm();
    private String editing;

    public void load() {
        jobs = Messages.orElse(() -> verifyJobs.listWithStatus(session.caller(), store), List.of());
    }

    public String save() {
        return Messages.run(() -> {
            if (editing == null) {
                verifyJobs.create(session.caller(), form.toJob(store));
                Messages.info("Verify job '" + form.getId() + "' created.");
            } else {
                verifyJobs.update(session.caller(), editing, form.toJob(null), form.cleared(), null);
                Messages.info("Verify job '" + editing + "' saved.");
            }
            return Links.tab(PAGE, store);
        });
    }

    public void edit(VerifyJobService.Listed job) {
        form = VerifyJobForm.of(job.job());
        editing = job.job().id();
    }

    public void cancelEdit() {
        form = new VerifyJobForm();
        editing = null;
    }

    public String run(String id) {
        return Messages.run(() -> Links.task(verifyJobs.run(session.caller(), id)));
    }

    public String remove(String id) {
        return Messages.run(() -> {
            verifyJobs.delete(session.caller(), id, null);
            Messages.info("Verify job '" + id + "' removed.");
            return Links.tab(PAGE, store);
        });
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public List<VerifyJobService.Listed> getJobs() {
        return jobs;
    }

    public VerifyJobForm getForm() {
        return form;
    }

    public String getEditing() {
        return editing;
    }
}
