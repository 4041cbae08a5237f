package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.pbsj.core.task.TaskState;
import org.pbsj.core.task.Upid;

/**
 * A task of PBS's task list ({@code tasks/active} and {@code archive}): the UPID's fields, and
 * once stopped its end time and status text. Running = no end time. The log lives in a file.
 */
@Entity
@Table(name = "pbsj_task", indexes = {@Index(name = "pbsj_task_start", columnList = "starttime"),
        @Index(name = "pbsj_task_auth", columnList = "authId")})
public class TaskRecord {
    static final int STATUS_LENGTH = 1024;

    /** Wide: the escaping in a UPID may quadruple the length of a worker id. */
    @Id
    @Column(length = 1024)
    private String upid;
    @Column(length = 64, nullable = false)
    private String node;
    private long pid;
    private long pstart;
    private long taskId;
    private long starttime;
    @Column(length = 64, nullable = false)
    private String workerType;
    /** Unescaped, as the API shows it. */
    @Column(length = 512)
    private String workerId;
    @Column(length = 64, nullable = false)
    private String authId;
    private Long endtime;
    @Column(length = STATUS_LENGTH)
    private String status;
    /** The datastore the task works on, for the {@code store} filter; null for other tasks. */
    @Column(length = 64)
    private String store;

    protected TaskRecord() {
    }

    public TaskRecord(Upid upid, String store) {
        this.upid = upid.toString();
        this.node = upid.node();
        this.pid = upid.pid();
        this.pstart = upid.pstart();
        this.taskId = upid.taskId();
        this.starttime = upid.starttime();
        this.workerType = upid.workerType();
        this.workerId = upid.workerId();
        this.authId = upid.authId();
        this.store = store;
    }

    public Upid toUpid() {
        return new Upid(node, pid, pstart, taskId, starttime, workerType, workerId, authId);
    }

    public boolean isRunning() {
        return endtime == null;
    }

    /** Marks the task stopped; a very long error message is cut to fit the column. */
    public void stop(TaskState state) {
        this.endtime = state.endtime();
        String text = state.text();
        this.status = text.length() > STATUS_LENGTH ? text.substring(0, STATUS_LENGTH) : text;
    }

    /** The end state, or null while the task runs. */
    public TaskState state() {
        return endtime == null ? null : TaskState.parse(status == null || status.isEmpty() ? "unknown" : status, endtime);
    }

    public String getUpid() { return upid; }
    public String getNode() { return node; }
    public long getPid() { return pid; }
    public long getPstart() { return pstart; }
    public long getTaskId() { return taskId; }
    public long getStarttime() { return starttime; }
    public String getWorkerType() { return workerType; }
    public String getWorkerId() { return workerId; }
    public String getAuthId() { return authId; }
    public Long getEndtime() { return endtime; }
    public String getStatus() { return status; }
    public String getStore() { return store; }
}
