package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A server-side backup job: paths of the server (local or mounted directories, image files)
 * backed up into a datastore with the client's pipeline. {@code sources} and {@code exclude}
 * hold one entry per line.
 */
@Entity
@Table(name = "pbsj_backup_job")
public class BackupJobConfig {
    @Id
    @Column(length = 32)
    private String id;
    @Column(length = 32, nullable = false)
    private String store;
    @Column(length = 256)
    private String ns;
    @Column(length = 8, nullable = false)
    private String backupType;
    @Column(length = 128, nullable = false)
    private String backupId;
    @Column(length = 8192, nullable = false)
    private String sources;
    @Column(length = 4096)
    private String exclude;
    @Column(length = 16)
    private String changeDetectionMode;
    @Column(length = 128, nullable = false)
    private String owner;
    @Column(length = 256)
    private String comment;
    @Column(length = 128)
    private String schedule;
    private Boolean disable;

    protected BackupJobConfig() {
    }

    public BackupJobConfig(String id, String store, String owner) {
        this.id = id;
        this.store = store;
        this.owner = owner;
    }

    public String getId() { return id; }
    public String getStore() { return store; }
    public void setStore(String store) { this.store = store; }
    public String getNs() { return ns; }
    public void setNs(String ns) { this.ns = ns; }
    public String getBackupType() { return backupType; }
    public void setBackupType(String backupType) { this.backupType = backupType; }
    public String getBackupId() { return backupId; }
    public void setBackupId(String backupId) { this.backupId = backupId; }
    public String getSources() { return sources; }
    public void setSources(String sources) { this.sources = sources; }
    public String getExclude() { return exclude; }
    public void setExclude(String exclude) { this.exclude = exclude; }
    public String getChangeDetectionMode() { return changeDetectionMode; }
    public void setChangeDetectionMode(String changeDetectionMode) { this.changeDetectionMode = changeDetectionMode; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public Boolean getDisable() { return disable; }
    public void setDisable(Boolean disable) { this.disable = disable; }
}
