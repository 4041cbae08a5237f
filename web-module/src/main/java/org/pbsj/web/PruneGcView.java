package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.GcService;
import org.pbsj.server.application.PruneJobService;

/**
 * A datastore's "Prune &amp; GC Jobs" tab: GC status and "Start Garbage Collection", prune jobs
 * (add, edit, run now, remove, last run with its task log). The prune simulation has its own
 * bean ({@link PruneSimulateView}). {@code ?store=} is the view parameter.
 */
@Named
@ViewScoped
public class PruneGcView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String PAGE = "prunegc";

    @Inject
    UserSession session;
    @Inject
    GcService gc;
    @Inject
    PruneJobService pruneJobs;

    private String store;
    private GcService.GcJobStatus gcStatus;
    private List<PruneJobService.Listed> jobs = List.of();
    private PruneJobForm form = new PruneJobForm();
    private String editing;

    public void load() {
        gcStatus = Messages.orElse(() -> gc.status(session.caller(), store), null);
        jobs = Messages.orElse(() -> pruneJobs.listWithStatus(session.caller(), store), List.of());
    }

    public String startGc() {
        return Messages.run(() -> Links.task(gc.start(session.caller(), store)));
    }

    /** Add Prune Job, or Save of the job being edited. */
    public String save() {
        return Messages.run(() -> {
            if (editing == null) {
                pruneJobs.create(session.caller(), form.toJob(store));
                Messages.info("Prune job '" + form.getId() + "' created.");
            } else {
                pruneJobs.update(session.caller(), editing, form.toJob(null), form.cleared(), null);
                Messages.info("Prune job '" + editing + "' saved.");
            }
            return Links.tab(PAGE, store);
        });
    }

    /** Puts a job into the form (its id fixed); Save then updates it. */
    public void edit(PruneJobService.PruneJob job) {
        form = PruneJobForm.of(job);
        editing = job.id();
    }

    public void cancelEdit() {
        form = new PruneJobForm();
        editing = null;
    }

    public String run(String id) {
        return Messages.run(() -> Links.task(pruneJobs.run(session.caller(), id)));
    }

    public String remove(String id) {
        return Messages.run(() -> {
            pruneJobs.delete(session.caller(), id, null);
            Messages.info("Prune job '" + id + "' removed.");
            return Links.tab(PAGE, store);
        });
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public GcService.GcJobStatus getGcStatus() {
        return gcStatus;
    }

    public List<PruneJobService.Listed> getJobs() {
        return jobs;
    }

    public PruneJobForm getForm() {
        return form;
    }

    public String getEditing() {
        return editing;
    }
}
