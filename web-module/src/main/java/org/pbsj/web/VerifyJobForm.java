package org.pbsj.web;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

import org.pbsj.server.application.VerifyJobService;

/** The fields of "Add/Edit Verify Job"; the service validates them. */
public class VerifyJobForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private String ns;
    private Integer maxDepth;
    private boolean ignoreVerified = true;
    private Long outdatedAfter = 30L;
    private String schedule = "daily";
    private String comment;

    /** The job as the service takes it; {@code store} null on update (unchanged). */
    VerifyJobService.VerifyJob toJob(String store) {
        return new VerifyJobService.VerifyJob(t(id), store, t(ns), maxDepth, ignoreVerified, outdatedAfter,
                t(comment), t(schedule));
    }

    static VerifyJobForm of(VerifyJobService.VerifyJob j) {
        VerifyJobForm f = new VerifyJobForm();
        f.id = j.id();
        f.ns = j.ns();
        f.maxDepth = j.maxDepth();
        f.ignoreVerified = j.ignoreVerified() == null || j.ignoreVerified();
        f.outdatedAfter = j.outdatedAfter();
        f.schedule = j.schedule();
        f.comment = j.comment();
        return f;
    }

    /** The API's {@code delete} list of an update: the optional fields left empty. */
    Set<String> cleared() {
        Set<String> d = new HashSet<>();
        if (t(ns) == null) d.add("ns");
        if (maxDepth == null) d.add("max-depth");
        if (outdatedAfter == null) d.add("outdated-after");
        if (t(schedule) == null) d.add("schedule");
        if (t(comment) == null) d.add("comment");
        return d;
    }

    private static String t(String s) {
        return DatastoresView.blankToNull(s);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getNs() {
        return ns;
    }

    public void setNs(String ns) {
        this.ns = ns;
    }

    public Integer getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(Integer maxDepth) {
        this.maxDepth = maxDepth;
    }

    public boolean isIgnoreVerified() {
        return ignoreVerified;
    }

    public void setIgnoreVerified(boolean ignoreVerified) {
        this.ignoreVerified = ignoreVerified;
    }

    public Long getOutdatedAfter() {
        return outdatedAfter;
    }

    public void setOutdatedAfter(Long outdatedAfter) {
        this.outdatedAfter = outdatedAfter;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
