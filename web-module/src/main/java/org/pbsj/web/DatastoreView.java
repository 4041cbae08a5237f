package org.pbsj.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.datastore.BackupType;
import org.pbsj.server.application.DatastoreStatusService;
import org.pbsj.server.application.GcService;
import org.pbsj.server.application.PruneJobService;
import org.pbsj.server.application.ServiceException;

/**
 * One datastore: Summary (usage, backup counts), Prune &amp; GC (GC status and "Start Garbage
 * Collection", prune jobs with "Add" and "Run now"). {@code ?store=} is the view parameter.
 */
@Named
@ViewScoped
public class DatastoreView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    DatastoreStatusService statusService;
    @Inject
    GcService gc;
    @Inject
    PruneJobService pruneJobs;

    private String store;
    private DatastoreStatusService.Status status;
    private GcService.GcJobStatus gcStatus;
    private List<PruneJobService.Listed> jobs = List.of();
    private final PruneJobForm form = new PruneJobForm();

    /** View action: loads what the caller may see; each part on its own so one refusal hides only that part. */
    public void load() {
        status = Messages.orElse(() -> statusService.status(session.caller(), store, true), null);
        if (status == null) {
            return;
        }
        gcStatus = Messages.orElse(() -> gc.status(session.caller(), store), null);
        jobs = Messages.orElse(() -> pruneJobs.listWithStatus(session.caller(), store), List.of());
    }

    public String startGc() {
        try {
            return "task?faces-redirect=true&upid=" + Links.enc(gc.start(session.caller(), store));
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    public String addPruneJob() {
        try {
            pruneJobs.create(session.caller(), form.toJob(store));
            Messages.info("Prune job '" + form.getId() + "' created.");
            return "datastore?faces-redirect=true&store=" + Links.enc(store);
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    public String runPruneJob(String id) {
        try {
            return "task?faces-redirect=true&upid=" + Links.enc(pruneJobs.run(session.caller(), id));
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    public String removePruneJob(String id) {
        try {
            pruneJobs.delete(session.caller(), id, null);
            Messages.info("Prune job '" + id + "' removed.");
            return "datastore?faces-redirect=true&store=" + Links.enc(store);
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    /** Backup counts per type (ct, host, vm) for the summary. */
    public List<Map.Entry<BackupType, DatastoreStatusService.TypeCount>> getCounts() {
        return status == null || status.counts() == null ? List.of() : List.copyOf(status.counts().entrySet());
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public DatastoreStatusService.Status getStatus() {
        return status;
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
}
