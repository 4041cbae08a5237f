package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A user's second factors (PBS's per-user entry in tfa.json): TOTP secrets, hashed recovery
 * keys and lock state, as the JSON that {@code org.pbsj.server.auth.TfaUserData} reads and writes.
 */
@Entity
@Table(name = "pbsj_tfa_user")
public class TfaUser {
    @Id
    @Column(length = 64)
    private String userid;
    @Column(length = 16384, nullable = false)
    private String data;
    @Version
    private long version;

    protected TfaUser() {
    }

    public TfaUser(String userid, String data) {
        this.userid = userid;
        this.data = data;
    }

    public String getUserid() { return userid; }
    public String getData() { return data; }
    public void setData(String data) { this.data = data; }
}
