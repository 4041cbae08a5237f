package org.pbsj.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** One line of PBS's acl.cfg: a role granted to an auth id on a path. */
@Entity
@Table(name = "pbsj_acl", uniqueConstraints = @UniqueConstraint(columnNames = {"path", "authId", "role"}))
public class AclEntry {
    @Id
    @GeneratedValue
    private Long id;
    @Column(length = 512, nullable = false)
    private String path;
    @Column(length = 64, nullable = false)
    private String authId;
    @Column(length = 64, nullable = false)
    private String role;
    private boolean propagate = true;

    protected AclEntry() {
    }

    public AclEntry(String path, String authId, String role, boolean propagate) {
        this.path = path;
        this.authId = authId;
        this.role = role;
        this.propagate = propagate;
    }

    public Long getId() { return id; }
    public String getPath() { return path; }
    public String getAuthId() { return authId; }
    public String getRole() { return role; }
    public boolean isPropagate() { return propagate; }
}
