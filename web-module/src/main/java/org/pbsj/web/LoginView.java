package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.RealmService;
import org.pbsj.server.application.ServiceException;

/**
 * The login form: user name, realm and password, then, for a user with a second factor, the TOTP
 * code (or a recovery key) against the partial ticket {@link AuthService#login} handed out. The
 * partial ticket lives only in this view; the session gets the identity after the last step.
 */
@Named
@ViewScoped
public class LoginView implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The CSRF token AuthService answers with a partial (second factor pending) ticket. */
    private static final String PARTIAL = "invalid";

    @Inject
    AuthService auth;
    @Inject
    RealmService realms;
    @Inject
    UserSession session;

    private String username;
    private String realm = "pbs";
    private String password;
    private String factor = "totp";
    private String code;
    private String pendingUser;
    private String partialTicket;

    public List<RealmService.Domain> getRealms() {
        return realms.domains();
    }

    public String login() {
        String userid = username == null || username.contains("@") ? username : username + "@" + realm;
        try {
            AuthService.Login login = auth.login(userid, password);
            if (PARTIAL.equals(login.csrfToken())) {
                pendingUser = login.username();
                partialTicket = login.ticket();
                return null; // the page now asks for the second factor
            }
            return complete(login.username());
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        } finally {
            password = null;
        }
    }

    public String verify() {
        try {
            AuthService.Login login = auth.login(pendingUser, factor + ":" + (code == null ? "" : code.trim()),
                    partialTicket);
            return complete(login.username());
        } catch (ServiceException e) {
            Messages.error(e);
            return null;
        } finally {
            code = null;
        }
    }

    public String cancel() {
        pendingUser = null;
        partialTicket = null;
        return "login?faces-redirect=true";
    }

    /** New session id against fixation, then the identity goes into the session. */
    private String complete(String userid) {
        HttpServletRequest req = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        req.changeSessionId();
        session.loggedIn(userid);
        pendingUser = null;
        partialTicket = null;
        return "index?faces-redirect=true";
    }

    /** Logout: the whole session goes, so does every view of it. */
    public String logout() {
        HttpSession s = (HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false);
        if (s != null) {
            s.invalidate();
        }
        return "login?faces-redirect=true";
    }

    public boolean isSecondFactor() {
        return partialTicket != null;
    }

    public String getPendingUser() {
        return pendingUser;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getRealm() {
        return realm;
    }

    public void setRealm(String realm) {
        this.realm = realm;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getFactor() {
        return factor;
    }

    public void setFactor(String factor) {
        this.factor = factor;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
