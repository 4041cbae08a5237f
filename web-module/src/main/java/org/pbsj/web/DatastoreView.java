package org.pbsj.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.datastore.BackupType;
import org.pbsj.server.application.DatastoreStatusService;
import org.pbsj.server.application.VerifyService;

/**
 * A datastore's Summary tab: usage, backup counts, and "Verify All" (the whole datastore).
 * {@code ?store=} is the view parameter.
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
    VerifyService verify;

    private String store;
    private DatastoreStatusService.Status status;

    public void load() {
        status = Messages.orElse(() -> statusService.status(session.caller(), store, true), null);
    }

    /** Verifies every snapshot of the datastore (all namespaces); the task log is shown. */
    public String verifyAll() {
        return Messages.run(() -> Links.task(verify.start(session.caller(),
                org.pbsj.server.application.SnapshotSelector.namespace(store, null), null, null, null)));
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
}
