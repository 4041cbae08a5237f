package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.AclService;
import org.pbsj.server.application.RealmService;

/**
 * Access Control › Permissions (the ACL list, "Add User Permission", "Remove") and Realms, as far
 * as the caller may see them. Users and API tokens are {@link UsersView}, second factors {@link TfaView}.
 */
@Named
@ViewScoped
public class AccessView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    AclService acl;
    @Inject
    RealmService realms;

    private List<AclService.AclItem> acls = List.of();
    private List<RealmService.Domain> domains = List.of();
    private final AclForm form = new AclForm("/");

    public void load() {
        acls = Messages.orElse(() -> acl.read(session.caller(), null, false).items(), List.of());
        domains = realms.domains();
    }

    public String addAcl() {
        return Messages.run(() -> {
            acl.update(session.caller(), form.toUpdate());
            Messages.info("Permission added.");
            return "permissions?faces-redirect=true";
        });
    }

    public String removeAcl(AclService.AclItem item) {
        return Messages.run(() -> {
            acl.update(session.caller(), AclForm.removal(item));
            Messages.info("Permission removed.");
            return "permissions?faces-redirect=true";
        });
    }

    public List<AclService.AclItem> getAcls() {
        return acls;
    }

    public List<RealmService.Domain> getDomains() {
        return domains;
    }

    public AclForm getForm() {
        return form;
    }
}
