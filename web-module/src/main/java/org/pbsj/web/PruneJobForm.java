package org.pbsj.web;

import java.io.Serializable;

import org.pbsj.server.application.PruneJobService;

/** The fields of "Add Prune Job"; the service validates them. */
public class PruneJobForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private String schedule = "daily";
    private String ns;
    private Integer keepLast;
    private Integer keepHourly;
    private Integer keepDaily;
    private Integer keepWeekly;
    private Integer keepMonthly;
    private Integer keepYearly;
    private String comment;

    PruneJobService.PruneJob toJob(String store) {
        return new PruneJobService.PruneJob(trim(id), store, trim(schedule), null, trim(comment), trim(ns), null,
                keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly);
    }

    /** The form filled with an existing job, for "Edit". */
    static PruneJobForm of(PruneJobService.PruneJob j) {
        PruneJobForm f = new PruneJobForm();
        f.id = j.id();
        f.schedule = j.schedule();
        f.ns = j.ns();
        f.keepLast = j.keepLast();
        f.keepHourly = j.keepHourly();
        f.keepDaily = j.keepDaily();
        f.keepWeekly = j.keepWeekly();
        f.keepMonthly = j.keepMonthly();
        f.keepYearly = j.keepYearly();
        f.comment = j.comment();
        return f;
    }

    /** The API's {@code delete} list of an update: the optional fields left empty. */
    java.util.Set<String> cleared() {
        java.util.Set<String> d = new java.util.HashSet<>();
        if (trim(ns) == null) d.add("ns");
        if (trim(comment) == null) d.add("comment");
        if (keepLast == null) d.add("keep-last");
        if (keepHourly == null) d.add("keep-hourly");
        if (keepDaily == null) d.add("keep-daily");
        if (keepWeekly == null) d.add("keep-weekly");
        if (keepMonthly == null) d.add("keep-monthly");
        if (keepYearly == null) d.add("keep-yearly");
        return d;
    }

    private static String trim(String s) {
        return DatastoresView.blankToNull(s);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getNs() {
        return ns;
    }

    public void setNs(String ns) {
        this.ns = ns;
    }

    public Integer getKeepLast() {
        return keepLast;
    }

    public void setKeepLast(Integer keepLast) {
        this.keepLast = keepLast;
    }

    public Integer getKeepHourly() {
        return keepHourly;
    }

    public void setKeepHourly(Integer keepHourly) {
        this.keepHourly = keepHourly;
    }

    public Integer getKeepDaily() {
        return keepDaily;
    }

    public void setKeepDaily(Integer keepDaily) {
        this.keepDaily = keepDaily;
    }

    public Integer getKeepWeekly() {
        return keepWeekly;
    }

    public void setKeepWeekly(Integer keepWeekly) {
        this.keepWeekly = keepWeekly;
    }

    public Integer getKeepMonthly() {
        return keepMonthly;
    }

    public void setKeepMonthly(Integer keepMonthly) {
        this.keepMonthly = keepMonthly;
    }

    public Integer getKeepYearly() {
        return keepYearly;
    }

    public void setKeepYearly(Integer keepYearly) {
        this.keepYearly = keepYearly;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
