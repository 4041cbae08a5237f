package org.pbsj.web;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.pbsj.server.application.AclService;
import org.pbsj.server.auth.Role;

/** "Add User Permission": path, user or API token, role, propagate; the service validates them. */
public class AclForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private String path;
    private String user;
    private String role = "DatastoreAudit";
    private boolean propagate = true;

    AclForm(String path) {
        this.path = path;
    }

    AclService.AclUpdate toUpdate() {
        return new AclService.AclUpdate(DatastoresView.blankToNull(path), role, propagate,
                DatastoresView.blankToNull(user), null, false, null);
    }

    static AclService.AclUpdate removal(AclService.AclItem item) {
        return new AclService.AclUpdate(item.path(), item.roleid(), null, item.ugid(), null, true, null);
    }

    /** The built-in roles, for the "Role" selector. */
    public List<String> getRoles() {
        return Arrays.stream(Role.values()).map(Role::pbsName).toList();
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isPropagate() {
        return propagate;
    }

    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }
}
