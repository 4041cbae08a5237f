package org.pbsj.web;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.RemoteService;

/**
 * Remotes: the remote PBS servers the caller may see (name, host, port, auth id, certificate
 * fingerprint); Add, Edit (an empty password keeps the stored one), Remove. RemoteService checks
 * Remote.Audit/Remote.Modify and validates.
 */
@Named
@ViewScoped
public class RemotesView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    UserSession session;
    @Inject
    RemoteService remotes;

    private List<RemoteService.Remote> list = List.of();
    private String editing;
    private String name;
    private String host;
    private Integer port;
    private String authId;
    private String password;
    private String fingerprint;
    private String comment;

    public void load() {
        list = Messages.orElse(() -> remotes.list(session.caller()), List.of());
    }

    public String save() {
        try {
            return Messages.run(() -> {
                RemoteService.RemoteUpdate u = new RemoteService.RemoteUpdate(t(host), port, t(authId), t(password),
                        fingerprint == null ? null : fingerprint.trim(), comment == null ? null : comment.trim());
                if (editing == null) {
                    remotes.create(session.caller(), t(name), u);
                    Messages.info("Remote '" + name + "' created.");
                } else {
                    Set<String> delete = new HashSet<>();
                    if (port == null) {
                        delete.add("port");
                    }
                    remotes.update(session.caller(), editing, u, delete, null);
                    Messages.info("Remote '" + editing + "' saved.");
                }
                return "remotes?faces-redirect=true";
            });
        } finally {
            password = null;
        }
    }

    public void edit(RemoteService.Remote r) {
        editing = r.name();
        name = r.name();
        host = r.host();
        port = r.port();
        authId = r.authId();
        fingerprint = r.fingerprint();
        comment = r.comment();
    }

    public void cancelEdit() {
        editing = null;
        name = host = authId = fingerprint = comment = null;
        port = null;
    }

    public String remove(String remote) {
        return Messages.run(() -> {
            remotes.delete(session.caller(), remote, null);
            Messages.info("Remote '" + remote + "' removed.");
            return "remotes?faces-redirect=true";
        });
    }

    private static String t(String s) {
        return DatastoresView.blankToNull(s);
    }

    public List<RemoteService.Remote> getList() {
        return list;
    }

    public String getEditing() {
        return editing;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getAuthId() {
        return authId;
    }

    public void setAuthId(String authId) {
        this.authId = authId;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
