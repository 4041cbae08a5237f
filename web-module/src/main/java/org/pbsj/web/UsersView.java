package org.pbsj.web;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.RealmService;
import org.pbsj.server.application.TokenService;
import org.pbsj.server.application.UserService;

/**
 * Access Control › User Management and API Token: the users the caller may see with their
 * tokens; Add/Edit User (enable, expire, name, e-mail, comment), Change Password, Remove; Add
 * Token (its secret is shown once, on this page, never stored here) and Remove Token.
 */
@Named
@ViewScoped
public class UsersView implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String PAGE = "access?faces-redirect=true";

    @Inject
    UserSession session;
    @Inject
    UserService users;
    @Inject
    TokenService tokens;
    @Inject
    RealmService realms;

    private List<UserService.UserWithTokens> userList = List.of();
    private List<RealmService.Domain> domains = List.of();
    private UserForm form = new UserForm();
    private String editing;
    private String passwordUser;
    private String newPassword;
    private String confirmation;
    private String tokenUser;
    private String tokenName;
    private String tokenComment;
    private TokenService.Secret secret;

    public void load() {
        userList = Messages.orElse(() -> users.list(session.caller(), true), List.of());
        domains = realms.domains();
        if (tokenUser == null) {
            tokenUser = session.getAuthId();
        }
    }

    public String save() {
        return Messages.run(() -> {
            if (editing == null) {
                users.create(session.caller(), form.toNewUser());
                Messages.info("User '" + form.getUserid() + "' created.");
            } else {
                users.update(session.caller(), editing, form.toUpdate());
                Messages.info("User '" + editing + "' saved.");
            }
            return PAGE;
        });
    }

    public void edit(UserService.UserInfo u) {
        form = UserForm.of(u);
        editing = u.userid();
    }

    public void cancelEdit() {
        form = new UserForm();
        editing = null;
    }

    public String remove(String userid) {
        return Messages.run(() -> {
            users.delete(session.caller(), userid, null);
            Messages.info("User '" + userid + "' removed.");
            return PAGE;
        });
    }

    /** Opens "Change Password" for a user. */
    public void password(String userid) {
        passwordUser = userid;
    }

    public String changePassword() {
        try {
            return Messages.run(() -> {
                users.changePassword(session.caller(), passwordUser, newPassword, DatastoresView.blankToNull(confirmation));
                Messages.info("Password of '" + passwordUser + "' changed.");
                return PAGE;
            });
        } finally {
            newPassword = null;
            confirmation = null;
        }
    }

    /** Add Token: stays on the page, which shows the secret once. */
    public void addToken() {
        secret = Messages.orElse(() -> tokens.generate(session.caller(), DatastoresView.blankToNull(tokenUser),
                DatastoresView.blankToNull(tokenName), tokenComment, null, null, null), null);
        if (secret != null) {
            tokenName = null;
            tokenComment = null;
            load();
        }
    }

    public String removeToken(TokenService.TokenInfo t) {
        return Messages.run(() -> {
            tokens.delete(session.caller(), t.tokenid().substring(0, t.tokenid().lastIndexOf('!')), t.tokenName(), null);
            Messages.info("Token '" + t.tokenid() + "' removed.");
            return PAGE;
        });
    }

    public List<UserService.UserWithTokens> getUsers() {
        return userList;
    }

    public List<RealmService.Domain> getDomains() {
        return domains;
    }

    public UserForm getForm() {
        return form;
    }

    public String getEditing() {
        return editing;
    }

    public String getPasswordUser() {
        return passwordUser;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    public String getTokenUser() {
        return tokenUser;
    }

    public void setTokenUser(String tokenUser) {
        this.tokenUser = tokenUser;
    }

    public String getTokenName() {
        return tokenName;
    }

    public void setTokenName(String tokenName) {
        this.tokenName = tokenName;
    }

    public String getTokenComment() {
        return tokenComment;
    }

    public void setTokenComment(String tokenComment) {
        this.tokenComment = tokenComment;
    }

    public TokenService.Secret getSecret() {
        return secret;
    }
}
