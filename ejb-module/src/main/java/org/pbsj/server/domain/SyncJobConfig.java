package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A sync job (PBS's {@code sync.cfg} section). {@code remote} null = a local source store.
 * {@code syncDirection} null = pull, {@code push} = PBS 3.3 push to the remote.
 * The group filter list is kept as one newline-separated column; rates in bytes per second.
 */
@Entity
@Table(name = "pbsj_sync_job")
public class SyncJobConfig {
    @Id
    @Column(length = 32)
    private String id;
    @Column(length = 32, nullable = false)
    private String store;
    @Column(length = 256)
    private String ns;
    @Column(length = 128)
    private String owner;
    @Column(length = 32)
    private String remote;
    @Column(length = 32, nullable = false)
    private String remoteStore;
    @Column(length = 256)
    private String remoteNs;
    private Boolean removeVanished;
    private Integer maxDepth;
    @Column(length = 256)
    private String comment;
    @Column(length = 128)
    private String schedule;
    @Column(length = 4096)
    private String groupFilter;
    private Long rateIn;
    private Long burstIn;
    private Long rateOut;
    private Long burstOut;
    private Integer transferLast;
    @Column(length = 8)
    private String syncDirection;

    protected SyncJobConfig() {
    }

    public SyncJobConfig(String id, String store, String remoteStore) {
        this.id = id;
        this.store = store;
        this.remoteStore = remoteStore;
    }

    public String getId() { return id; }
    public String getStore() { return store; }
    public void setStore(String store) { this.store = store; }
    public String getNs() { return ns; }
    public void setNs(String ns) { this.ns = ns; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getRemote() { return remote; }
    public void setRemote(String remote) { this.remote = remote; }
    public String getRemoteStore() { return remoteStore; }
    public void setRemoteStore(String remoteStore) { this.remoteStore = remoteStore; }
    public String getRemoteNs() { return remoteNs; }
    public void setRemoteNs(String remoteNs) { this.remoteNs = remoteNs; }
    public Boolean getRemoveVanished() { return removeVanished; }
    public void setRemoveVanished(Boolean removeVanished) { this.removeVanished = removeVanished; }
    public Integer getMaxDepth() { return maxDepth; }
    public void setMaxDepth(Integer maxDepth) { this.maxDepth = maxDepth; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public String getGroupFilter() { return groupFilter; }
    public void setGroupFilter(String groupFilter) { this.groupFilter = groupFilter; }
    public Long getRateIn() { return rateIn; }
    public void setRateIn(Long rateIn) { this.rateIn = rateIn; }
    public Long getBurstIn() { return burstIn; }
    public void setBurstIn(Long burstIn) { this.burstIn = burstIn; }
    public Long getRateOut() { return rateOut; }
    public void setRateOut(Long rateOut) { this.rateOut = rateOut; }
    public Long getBurstOut() { return burstOut; }
    public void setBurstOut(Long burstOut) { this.burstOut = burstOut; }
    public Integer getTransferLast() { return transferLast; }
    public void setTransferLast(Integer transferLast) { this.transferLast = transferLast; }
    public String getSyncDirection() { return syncDirection; }
    public void setSyncDirection(String syncDirection) { this.syncDirection = syncDirection; }
}
