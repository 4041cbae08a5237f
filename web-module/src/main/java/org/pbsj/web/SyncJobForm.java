package org.pbsj.web;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.pbsj.server.application.SyncRequest;

/** The fields of "Add/Edit Sync Job" (pull into this datastore); the service validates them. */
public class SyncJobForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private String ns;
    private String remote;
    private String remoteStore;
    private String remoteNs;
    private String owner;
    private boolean removeVanished;
    private Integer maxDepth;
    private String schedule = "hourly";
    private String groupFilter;
    private Integer transferLast;
    private String comment;

    /** The job as the service takes it; {@code store} null on update (unchanged). */
    SyncRequest toJob(String store) {
        List<String> filters = t(groupFilter) == null ? null
                : Arrays.stream(groupFilter.split("[\\n,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new SyncRequest(t(id), store, t(ns), t(owner), t(remote), t(remoteStore), t(remoteNs), removeVanished,
                maxDepth, t(comment), t(schedule), filters, null, null, null, null, transferLast);
    }

    static SyncJobForm of(SyncRequest j) {
        SyncJobForm f = new SyncJobForm();
        f.id = j.id();
        f.ns = j.ns();
        f.remote = j.remote();
        f.remoteStore = j.remoteStore();
        f.remoteNs = j.remoteNs();
        f.owner = j.owner();
        f.removeVanished = j.isRemoveVanished();
        f.maxDepth = j.maxDepth();
        f.schedule = j.schedule();
        f.groupFilter = j.groupFilter() == null ? null : String.join("\n", j.groupFilter());
        f.transferLast = j.transferLast();
        f.comment = j.comment();
        return f;
    }

    /** The API's {@code delete} list of an update: the optional fields left empty. */
    Set<String> cleared() {
        Set<String> d = new HashSet<>();
        if (t(ns) == null) d.add("ns");
        if (t(remote) == null) d.add("remote");
        if (t(remoteNs) == null) d.add("remote-ns");
        if (t(owner) == null) d.add("owner");
        if (maxDepth == null) d.add("max-depth");
        if (t(schedule) == null) d.add("schedule");
        if (t(groupFilter) == null) d.add("group-filter");
        if (transferLast == null) d.add("transfer-last");
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

    public String getRemote() {
        return remote;
    }

    public void setRemote(String remote) {
        this.remote = remote;
    }

    public String getRemoteStore() {
        return remoteStore;
    }

    public void setRemoteStore(String remoteStore) {
        this.remoteStore = remoteStore;
    }

    public String getRemoteNs() {
        return remoteNs;
    }

    public void setRemoteNs(String remoteNs) {
        this.remoteNs = remoteNs;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public boolean isRemoveVanished() {
        return removeVanished;
    }

    public void setRemoveVanished(boolean removeVanished) {
        this.removeVanished = removeVanished;
    }

    public Integer getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(Integer maxDepth) {
        this.maxDepth = maxDepth;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getGroupFilter() {
        return groupFilter;
    }

    public void setGroupFilter(String groupFilter) {
        this.groupFilter = groupFilter;
    }

    public Integer getTransferLast() {
        return transferLast;
    }

    public void setTransferLast(Integer transferLast) {
        this.transferLast = transferLast;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
