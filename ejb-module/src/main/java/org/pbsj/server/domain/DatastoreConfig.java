package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A datastore's configuration (PBS's datastore.cfg section). The data itself is on disk. */
@Entity
@Table(name = "pbsj_datastore")
public class DatastoreConfig {
    @Id
    @Column(length = 32)
    private String name;
    @Column(length = 4096, nullable = false)
    private String path;
    @Column(length = 256)
    private String comment;
    @Column(length = 128)
    private String gcSchedule;
    /** Whose email gets the job mails in {@code legacy-sendmail} mode; null = {@code root@pam}. */
    @Column(length = 128)
    private String notifyUser;
    /** Property string {@code gc=..,verify=..,sync=..,prune=..} of {@code always|error|never}. */
    @Column(length = 128)
    private String notify;
    /** {@code legacy-sendmail} (null, the default) or {@code notification-system}. */
    @Column(length = 32)
    private String notificationMode;

    protected DatastoreConfig() {
    }

    public DatastoreConfig(String name, String path) {
        this.name = name;
        this.path = path;
    }

    public String getName() { return name; }
    public String getPath() { return path; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public String getGcSchedule() { return gcSchedule; }
    public void setGcSchedule(String gcSchedule) { this.gcSchedule = gcSchedule; }
    public String getNotifyUser() { return notifyUser; }
    public void setNotifyUser(String notifyUser) { this.notifyUser = notifyUser; }
    public String getNotify() { return notify; }
    public void setNotify(String notify) { this.notify = notify; }
    public String getNotificationMode() { return notificationMode; }
    public void setNotificationMode(String notificationMode) { this.notificationMode = notificationMode; }
}
