package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A verification job (PBS's {@code verification.cfg} section). */
@Entity
@Table(name = "pbsj_verify_job")
public class VerifyJobConfig {
    @Id
    @Column(length = 32)
    private String id;
    @Column(length = 32, nullable = false)
    private String store;
    @Column(length = 256)
    private String ns;
    private Integer maxDepth;
    private Boolean ignoreVerified;
    private Long outdatedAfter;
    @Column(length = 256)
    private String comment;
    @Column(length = 128)
    private String schedule;

    protected VerifyJobConfig() {
    }

    public VerifyJobConfig(String id, String store) {
        this.id = id;
        this.store = store;
    }

    public String getId() { return id; }
    public String getStore() { return store; }
    public void setStore(String store) { this.store = store; }
    public String getNs() { return ns; }
    public void setNs(String ns) { this.ns = ns; }
    public Integer getMaxDepth() { return maxDepth; }
    public void setMaxDepth(Integer maxDepth) { this.maxDepth = maxDepth; }
    public Boolean getIgnoreVerified() { return ignoreVerified; }
    public void setIgnoreVerified(Boolean ignoreVerified) { this.ignoreVerified = ignoreVerified; }
    public Long getOutdatedAfter() { return outdatedAfter; }
    public void setOutdatedAfter(Long outdatedAfter) { this.outdatedAfter = outdatedAfter; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
}
