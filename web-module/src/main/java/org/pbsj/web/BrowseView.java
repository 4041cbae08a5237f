package org.pbsj.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.server.application.SnapshotBrowseService;
import org.pbsj.server.application.SnapshotSelector;

/**
 * "Browse" of a snapshot through its catalog: one directory at a time, directories as links,
 * files (and directories, as ZIP) downloaded through the download servlet. {@code path} is the
 * catalog's base64 file path; absent means the archive list.
 */
@Named
@RequestScoped
public class BrowseView {
    @Inject
    UserSession session;
    @Inject
    SnapshotBrowseService browse;

    private String store;
    private String ns;
    private String type;
    private String id;
    private Long time;
    private String path;
    private List<SnapshotBrowseService.CatalogItem> entries = List.of();
    private BackupDir snapshot;

    public void load() {
        SnapshotSelector sel = new SnapshotSelector(store, ns, type, id, time);
        snapshot = Messages.orElse(sel::dir, null);
        entries = Messages.orElse(() -> browse.catalog(session.caller(), sel, path == null ? "root" : path), List.of());
    }

    /** The directory shown, as text. */
    public String getDirectory() {
        try {
            return path == null ? "/" : new String(Base64.getDecoder().decode(path), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "/"; // the service refused the same path with its own message
        }
    }

    /** The parent directory's base64 path, or null at the archive list. */
    public String getParent() {
        String dir = getDirectory();
        int slash = dir.lastIndexOf('/');
        if (path == null || slash <= 0) {
            return null;
        }
        return Base64.getEncoder().encodeToString(dir.substring(0, slash).getBytes(StandardCharsets.UTF_8));
    }

    public boolean isTop() {
        return path == null;
    }

    public List<SnapshotBrowseService.CatalogItem> getEntries() {
        return entries;
    }

    public BackupDir getSnapshot() {
        return snapshot;
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

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }
}
