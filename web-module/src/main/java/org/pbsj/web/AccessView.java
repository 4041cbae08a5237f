package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.AclService;
import org.pbsj.server.application.RealmService;
import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.TfaService;
import org.pbsj.server.application.UserService;
import org.pbsj.server.auth.Role;

/**
 * Access Control: User Management (with API tokens), Two Factor Authentication, Permissions
 * (ACL list and "Add User Permission") and Realms, as far as the caller may see them.
 */
@Named
@ViewScoped
public class AccessView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    UserService users;
    @Inject
    AclService acl;
    @Inject
    TfaService tfa;
    @Inject
    RealmService realms;

    private List<UserService.UserWithTokens> userList = List.of();
    private List<AclService.AclItem> acls = List.of();
    private List<TfaService.UserEntries> tfaList = List.of();
    private List<RealmService.Domain> domains = List.of();
    private String aclPath = "/";
    private String aclUser;
    private String aclRole = "DatastoreAudit";
    private boolean aclPropagate = true;

    public void load() {
        userList = Messages.orElse(() -> users.list(session.caller(), true), List.of());
        acls = Messages.orElse(() -> acl.read(session.caller(), null, false).items(), List.of());
        tfaList = Messages.orElse(() -> tfa.listAll(session.caller()), List.of());
        domains = realms.domains();
    }

    public String addAcl() {
        try {
            acl.update(session.caller(), new AclService.AclUpdate(DatastoresView.blankToNull(aclPath), aclRole,
                    aclPropagate, DatastoresView.blankToNull(aclUser), null, false, null));
            Messages.info("Permission added.");
            return "access?faces-redirect=true";
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    public String removeAcl(AclService.AclItem item) {
        try {
            acl.update(session.caller(), new AclService.AclUpdate(item.path(), item.roleid(), null, item.ugid(), null,
                    true, null));
            Messages.info("Permission removed.");
            return "access?faces-redirect=true";
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    public List<UserService.UserWithTokens> getUsers() {
        return userList;
    }

    public List<AclService.AclItem> getAcls() {
        return acls;
    }

    public List<TfaService.UserEntries> getTfa() {
        return tfaList;
    }

    public List<RealmService.Domain> getDomains() {
        return domains;
    }

    /** The built-in roles, for the "Role" selector. */
    public List<String> getRoles() {
        return java.util.Arrays.stream(Role.values()).map(Role::pbsName).toList();
    }

    public String getAclPath() {
        return aclPath;
    }

    public void setAclPath(String aclPath) {
        this.aclPath = aclPath;
    }

    public String getAclUser() {
        return aclUser;
    }

    public void setAclUser(String aclUser) {
        this.aclUser = aclUser;
    }

    public String getAclRole() {
        return aclRole;
    }

    public void setAclRole(String aclRole) {
        this.aclRole = aclRole;
    }

    public boolean isAclPropagate() {
        return aclPropagate;
    }

    public void setAclPropagate(boolean aclPropagate) {
        this.aclPropagate = aclPropagate;
    }
}
