package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A remote PBS server, source of sync jobs (PBS's {@code remote.cfg}). The password (an API token
 * secret or a user's password) is stored as given, as PBS keeps it in remote.cfg: readable by the
 * server's user and its database, never returned by the API.
 */
@Entity
@Table(name = "pbsj_remote")
public class RemoteConfig {
    @Id
    @Column(length = 32)
    private String name;
    @Column(length = 256, nullable = false)
    private String host;
    private Integer port;
    @Column(length = 128, nullable = false)
    private String authId;
    @Column(length = 1024, nullable = false)
    private String password;
    @Column(length = 95)
    private String fingerprint;
    @Column(length = 256)
    private String comment;

    protected RemoteConfig() {
    }

    public RemoteConfig(String name, String host, String authId, String password) {
        this.name = name;
        this.host = host;
        this.authId = authId;
        this.password = password;
    }

    public String getName() { return name; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getAuthId() { return authId; }
    public void setAuthId(String authId) { this.authId = authId; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
