package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user of realm {@code pbs} (or a user known from another realm), as in PBS's user.cfg. */
@Entity
@Table(name = "pbsj_user")
public class UserAccount {
    @Id
    @Column(length = 64)
    private String userid;
    @Column(length = 256)
    private String comment;
    private boolean enabled = true;
    /** Epoch seconds; 0 = never. */
    private long expire;
    @Column(length = 64)
    private String firstname;
    @Column(length = 64)
    private String lastname;
    @Column(length = 64)
    private String email;
    /** libcrypt hash for realm pbs; null for other realms. */
    @Column(length = 256)
    private String passwordHash;

    protected UserAccount() {
    }

    public UserAccount(String userid) {
        this.userid = userid;
    }

    /** Active as PBS defines it: enabled and not expired at {@code nowEpoch}. */
    public boolean isActive(long nowEpoch) {
        return enabled && (expire == 0 || expire > nowEpoch);
    }

    public String getUserid() { return userid; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public long getExpire() { return expire; }
    public void setExpire(long expire) { this.expire = expire; }
    public String getFirstname() { return firstname; }
    public void setFirstname(String firstname) { this.firstname = firstname; }
    public String getLastname() { return lastname; }
    public void setLastname(String lastname) { this.lastname = lastname; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
}
