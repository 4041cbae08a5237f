package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API token {@code user@realm!name} with its hashed secret (PBS's token.shadow). */
@Entity
@Table(name = "pbsj_api_token")
public class ApiToken {
    @Id
    @Column(length = 64)
    private String tokenid;
    @Column(length = 256)
    private String comment;
    private boolean enabled = true;
    private long expire;
    @Column(length = 256, nullable = false)
    private String secretHash;

    protected ApiToken() {
    }

    public ApiToken(String tokenid, String secretHash) {
        this.tokenid = tokenid;
        this.secretHash = secretHash;
    }

    public boolean isActive(long nowEpoch) {
        return enabled && (expire == 0 || expire > nowEpoch);
    }

    /** The user part of the token id (before the last '!'). */
    public String userid() {
        return tokenid.substring(0, tokenid.lastIndexOf('!'));
    }

    public String getTokenid() { return tokenid; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public long getExpire() { return expire; }
    public void setExpire(long expire) { this.expire = expire; }
    public String getSecretHash() { return secretHash; }
    public void setSecretHash(String secretHash) { this.secretHash = secretHash; }
}
