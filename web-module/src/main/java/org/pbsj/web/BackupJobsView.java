package org.pbsj.web;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.BackupJobService;
import org.pbsj.server.application.BackupJobService.BackupJob;

/**
 * Server-side backup jobs: paths of this server backed up into a datastore on a schedule. List
 * with last and next run, Add, Edit, Run now, Remove. BackupJobService checks Sys.Audit /
 * Sys.Modify on / and Datastore.Backup on the target, and validates the sources.
 */
@Named
@ViewScoped
public class BackupJobsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    BackupJobService jobs;

    private List<BackupJobService.Listed> list = List.of();
    private String editing;
    private String id;
    private String store;
    private String ns;
    private String backupId;
    private String sources;
    private String exclude;
    private String mode = "legacy";
    private String schedule = "daily";
    private String comment;
    private boolean disable;

    public void load() {
        list = Messages.orElse(() -> jobs.listWithStatus(session.caller()), List.of());
    }

    public String save() {
        return Messages.run(() -> {
            BackupJob j = new BackupJob(t(id), t(store), ns == null ? null : ns.trim(), null, t(backupId),
                    BackupJobService.lines(sources), BackupJobService.lines(exclude), mode, null, comment == null ? null : comment.trim(), t(schedule),
                    disable);
            if (editing == null) {
                jobs.create(session.caller(), j);
                Messages.info("Backup job '" + id + "' created.");
            } else {
                Set<String> delete = new HashSet<>();
                if (t(schedule) == null) {
                    delete.add("schedule");
                }
                if (BackupJobService.lines(exclude).isEmpty()) {
                    delete.add("exclude");
                }
                jobs.update(session.caller(), editing, j, delete, null);
                Messages.info("Backup job '" + editing + "' saved.");
            }
            return "backupjobs?faces-redirect=true";
        });
    }

    public void edit(BackupJobService.Listed l) {
        BackupJob j = l.job();
        editing = j.id();
        id = j.id();
        store = j.store();
        ns = j.ns();
        backupId = j.backupId();
        sources = String.join("\n", j.sources());
        exclude = String.join("\n", j.exclude());
        mode = j.changeDetectionMode() == null ? "legacy" : j.changeDetectionMode();
        schedule = j.schedule();
        comment = j.comment();
        disable = Boolean.TRUE.equals(j.disable());
    }

    public void cancelEdit() {
        editing = id = store = ns = backupId = sources = exclude = comment = null;
        mode = "legacy";
        schedule = "daily";
        disable = false;
    }

    public String run(String job) {
        return Messages.run(() -> Links.task(jobs.run(session.caller(), job)));
    }

    public String remove(String job) {
        return Messages.run(() -> {
            jobs.delete(session.caller(), job, null);
            Messages.info("Backup job '" + job + "' removed.");
            return "backupjobs?faces-redirect=true";
        });
    }

    private static String t(String s) {
        return DatastoresView.blankToNull(s);
    }

    public List<BackupJobService.Listed> getList() { return list; }
    public String getEditing() { return editing; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getStore() { return store; }
    public void setStore(String store) { this.store = store; }
    public String getNs() { return ns; }
    public void setNs(String ns) { this.ns = ns; }
    public String getBackupId() { return backupId; }
    public void setBackupId(String backupId) { this.backupId = backupId; }
    public String getSources() { return sources; }
    public void setSources(String sources) { this.sources = sources; }
    public String getExclude() { return exclude; }
    public void setExclude(String exclude) { this.exclude = exclude; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public boolean isDisable() { return disable; }
    public void setDisable(boolean disable) { this.disable = disable; }
}
