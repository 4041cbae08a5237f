package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A prune job (PBS's {@code prune.cfg} section); keep values null = not set. */
@Entity
@Table(name = "pbsj_prune_job")
public class PruneJobConfig {
    @Id
    @Column(length = 32)
    private String id;
    @Column(length = 32, nullable = false)
    private String store;
    @Column(length = 128, nullable = false)
    private String schedule;
    private boolean disable;
    @Column(length = 256)
    private String comment;
    @Column(length = 256)
    private String ns;
    private Integer maxDepth;
    private Integer keepLast;
    private Integer keepHourly;
    private Integer keepDaily;
    private Integer keepWeekly;
    private Integer keepMonthly;
    private Integer keepYearly;

    protected PruneJobConfig() {
    }

    public PruneJobConfig(String id, String store, String schedule) {
        this.id = id;
        this.store = store;
        this.schedule = schedule;
    }

    public String getId() { return id; }
    public String getStore() { return store; }
    public void setStore(String store) { this.store = store; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public boolean isDisable() { return disable; }
    public void setDisable(boolean disable) { this.disable = disable; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public String getNs() { return ns; }
    public void setNs(String ns) { this.ns = ns; }
    public Integer getMaxDepth() { return maxDepth; }
    public void setMaxDepth(Integer maxDepth) { this.maxDepth = maxDepth; }
    public Integer getKeepLast() { return keepLast; }
    public void setKeepLast(Integer v) { this.keepLast = v; }
    public Integer getKeepHourly() { return keepHourly; }
    public void setKeepHourly(Integer v) { this.keepHourly = v; }
    public Integer getKeepDaily() { return keepDaily; }
    public void setKeepDaily(Integer v) { this.keepDaily = v; }
    public Integer getKeepWeekly() { return keepWeekly; }
    public void setKeepWeekly(Integer v) { this.keepWeekly = v; }
    public Integer getKeepMonthly() { return keepMonthly; }
    public void setKeepMonthly(Integer v) { this.keepMonthly = v; }
    public Integer getKeepYearly() { return keepYearly; }
    public void setKeepYearly(Integer v) { this.keepYearly = v; }
}
