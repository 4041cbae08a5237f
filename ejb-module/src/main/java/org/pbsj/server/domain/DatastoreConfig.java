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
}
