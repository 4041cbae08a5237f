package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.server.application.NamespaceService;
import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.SnapshotAdminService;
import org.pbsj.server.application.SnapshotListService;
import org.pbsj.server.application.SnapshotSelector;
import org.pbsj.server.application.VerifyService;

/**
 * A datastore's Content: a namespace (child namespaces and backup groups), a group (its
 * snapshots), or a snapshot (its files with Download/Browse, notes, protection, Forget, owner).
 * The level follows from the view parameters {@code store, ns, type, id, time}.
 */
@Named
@ViewScoped
public class ContentView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    NamespaceService namespaces;
    @Inject
    SnapshotListService lists;
    @Inject
    SnapshotAdminService admin;
    @Inject
    VerifyService verify;

    private String store;
    private String ns;
    private String type;
    private String id;
    private Long time;

    private List<BackupNamespace> children = List.of();
    private List<SnapshotListService.GroupItem> groups = List.of();
    private List<SnapshotListService.SnapshotItem> snapshots = List.of();
    private List<SnapshotListService.Content> files = List.of();
    private BackupDir snapshot;
    private String notes;
    private boolean protect;
    private String newOwner;
    private String newNamespace;

    public void load() {
        if (time != null) {
            snapshot = Messages.orElse(() -> selector().dir(), null);
            files = Messages.orElse(() -> lists.listFiles(session.caller(), selector()), List.of());
            notes = Messages.orElse(() -> admin.notes(session.caller(), selector()), "");
            protect = Messages.orElse(() -> admin.isProtected(session.caller(), selector()), false);
        } else if (type != null) {
            snapshots = Messages.orElse(() -> lists.listSnapshots(session.caller(), selector()), List.of());
        } else {
            BackupNamespace here = Messages.orElse(() -> selector().namespace(), BackupNamespace.ROOT);
            children = Messages.orElse(() -> namespaces.list(session.caller(), store, ns, 1L), List.<BackupNamespace>of())
                    .stream().filter(n -> !n.equals(here)).toList();
            groups = Messages.orElse(() -> lists.listGroups(session.caller(), selector()), List.of());
        }
    }

    private SnapshotSelector selector() {
        return new SnapshotSelector(store, ns, type, id, time);
    }

    private SnapshotSelector snapshotSelector(long t) {
        return new SnapshotSelector(store, ns, type, id, t);
    }

    public String saveNotes() {
        return act(() -> admin.setNotes(session.caller(), selector(), notes == null ? "" : notes), "Notes saved.");
    }

    public String toggleProtected() {
        boolean target = !protect;
        return act(() -> admin.setProtected(session.caller(), selector(), target),
                target ? "Snapshot protected." : "Protection removed.");
    }

    /** Forget (PBS's word for removing a snapshot) from the group's list, or on the snapshot itself. */
    public String forget(Long t) {
        long which = t != null ? t : time;
        try {
            admin.deleteSnapshot(session.caller(), snapshotSelector(which));
            Messages.info("Snapshot forgotten.");
            time = null;
            return "content?faces-redirect=true&" + Links.selector(store, selector().group(), null);
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    public String forgetGroup() {
        try {
            admin.deleteGroup(session.caller(), SnapshotSelector.group(store, ns, type, id));
            Messages.info("Backup group forgotten.");
            return "content?faces-redirect=true&store=" + Links.enc(store) + (ns == null ? "" : "&ns=" + Links.enc(ns));
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    public String changeOwner() {
        return act(() -> admin.changeOwner(session.caller(), SnapshotSelector.group(store, ns, type, id),
                DatastoresView.blankToNull(newOwner)), "Owner changed.");
    }

    /**
     * Verify: the snapshot ({@code t}, or the one shown), else the group shown, else the namespace
     * shown and everything below it ("Verify All"). The task log is shown.
     */
    public String verify(Long t) {
        Long which = t != null ? t : time;
        SnapshotSelector sel = which != null ? snapshotSelector(which)
                : type != null ? SnapshotSelector.group(store, ns, type, id) : SnapshotSelector.namespace(store, ns);
        return Messages.run(() -> Links.task(verify.start(session.caller(), sel, null, null, null)));
    }

    /** Add Namespace below the one shown. */
    public String createNamespace() {
        return Messages.run(() -> {
            namespaces.create(session.caller(), store, ns, DatastoresView.blankToNull(newNamespace));
            Messages.info("Namespace '" + newNamespace + "' created.");
            return "content?faces-redirect=true&includeViewParams=true";
        });
    }

    /** Remove Namespace (a child of the one shown) with its groups; protected snapshots stay. */
    public String deleteNamespace(String child) {
        return Messages.run(() -> {
            namespaces.delete(session.caller(), store, child, true);
            Messages.info("Namespace '" + child + "' removed.");
            return "content?faces-redirect=true&includeViewParams=true";
        });
    }

    private String act(Runnable call, String done) {
        try {
            call.run();
            Messages.info(done);
            return "content?faces-redirect=true&includeViewParams=true";
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    /** The namespace path split for the breadcrumb: (name, full path) pairs. */
    public List<String[]> getNsCrumbs() {
        BackupNamespace here = Messages.orElse(() -> selector().namespace(), BackupNamespace.ROOT);
        List<String> parts = here.components();
        return java.util.stream.IntStream.range(0, parts.size())
                .mapToObj(i -> new String[] {parts.get(i), String.join("/", parts.subList(0, i + 1))}).toList();
    }

    public String getLevel() {
        return time != null ? "snapshot" : type != null ? "group" : "namespace";
    }

    /** A file the catalog can browse: a pxar archive of a snapshot that has a catalog. */
    public boolean browsable(String fileName) {
        return fileName.endsWith(".pxar.didx")
                && files.stream().anyMatch(f -> f.filename().equals("catalog.pcat1.didx"));
    }

    public List<BackupNamespace> getChildren() {
        return children;
    }

    public List<SnapshotListService.GroupItem> getGroups() {
        return groups;
    }

    public List<SnapshotListService.SnapshotItem> getSnapshots() {
        return snapshots;
    }

    public List<SnapshotListService.Content> getFiles() {
        return files;
    }

    public BackupDir getSnapshot() {
        return snapshot;
    }

    public boolean isProtected() {
        return protect;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public String getNewNamespace() {
        return newNamespace;
    }

    public void setNewNamespace(String newNamespace) {
        this.newNamespace = newNamespace;
    }

    public String getNewOwner() {
        return newOwner;
    }

    public void setNewOwner(String newOwner) {
        this.newOwner = newOwner;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getNs() {
        return ns;
    }

    public void setNs(String ns) {
        this.ns = ns;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Long getTime() {
        return time;
    }

    public void setTime(Long time) {
        this.time = time;
    }
}
