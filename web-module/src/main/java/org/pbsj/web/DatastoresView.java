package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.DatastoreService;
import org.pbsj.server.application.ServiceException;

/** The datastore list (those the caller may see) and the "Add Datastore" form. */
@Named
@ViewScoped
public class DatastoresView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    DatastoreService datastores;

    private List<DatastoreService.DatastoreInfo> list = List.of();
    private String name;
    private String path;
    private String comment;

    @PostConstruct
    void load() {
        try {
            list = datastores.listVisible(session.caller());
        } catch (ServiceException e) {
            Messages.error(e);
        }
    }

    /** Creates the datastore (a task); on success, the task log is shown. */
    public String create() {
        try {
            String upid = datastores.create(session.caller(), name, blankToNull(path), blankToNull(comment));
            Messages.info("Datastore '" + name + "' created.");
            return "task?faces-redirect=true&upid=" + Links.enc(upid);
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public List<DatastoreService.DatastoreInfo> getList() {
        return list;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
