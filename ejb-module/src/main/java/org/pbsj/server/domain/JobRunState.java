package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * PBS's job state file ({@code /var/lib/proxmox-backup/jobstates/<type>-<id>.json}) as a row:
 * when the job last started and with which task, or since when its schedule applies. The
 * scheduler runs a job when {@code next(schedule, lastRun()) <= now}; writing the start here
 * before the job runs makes a restarted server not run it twice.
 */
@Entity
@Table(name = "pbsj_job_state")
public class JobRunState {
    /** {@code <job type>/<id>}, e.g. {@code verificationjob/v1}, {@code garbage_collection/store1}. */
    @Id
    @Column(length = 128)
    private String id;
    /** Creation or schedule change (epoch seconds): the reference time until the first run. */
    private long updated;
    private Long lastRunStart;
    @Column(length = 1024)
    private String lastUpid;

    protected JobRunState() {
    }

    public JobRunState(String id, long updated) {
        this.id = id;
        this.updated = updated;
    }

    /** The time the next event is computed from. */
    public long lastRun() {
        return lastRunStart == null ? updated : Math.max(lastRunStart, updated);
    }

    public void started(long time, String upid) {
        this.lastRunStart = time;
        this.lastUpid = upid;
    }

    public String getId() { return id; }
    public long getUpdated() { return updated; }
    public void setUpdated(long updated) { this.updated = updated; }
    public Long getLastRunStart() { return lastRunStart; }
    public String getLastUpid() { return lastUpid; }
}
