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
