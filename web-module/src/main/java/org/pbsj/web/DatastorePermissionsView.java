package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.AclService;

/**
 * A datastore's "Permissions" tab: the ACL entries on {@code /datastore/{store}} and below, with
 * "Add" and "Remove" for those with Permissions.Modify (AclService decides who sees and edits).
 */
@Named
@ViewScoped
public class DatastorePermissionsView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    AclService acl;

    private String store;
    private List<AclService.AclItem> entries = List.of();
    private AclForm form;

    public void load() {
        if (form == null) {
            form = new AclForm(path());
        }
        entries = Messages.orElse(() -> acl.read(session.caller(), path(), false).items(), List.of());
    }

    private String path() {
        return "/datastore/" + store;
    }

    public String addAcl() {
        return Messages.run(() -> {
            acl.update(session.caller(), form.toUpdate());
            Messages.info("Permission added.");
            return Links.tab("dspermissions", store);
        });
    }

    public String removeAcl(AclService.AclItem item) {
        return Messages.run(() -> {
            acl.update(session.caller(), AclForm.removal(item));
            Messages.info("Permission removed.");
            return Links.tab("dspermissions", store);
        });
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public List<AclService.AclItem> getEntries() {
        return entries;
    }

    public AclForm getForm() {
        return form;
    }
}
