package org.pbsj.web;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.pbsj.server.application.TfaService;
import org.pbsj.server.auth.Totp;

/**
 * Access Control › Two Factor Authentication: the second factors the caller may see; Add TOTP
 * (a new random secret shown as otpauth URI and base32 key, confirmed with the current code),
 * Add Recovery Keys (shown once), Remove. Every change asks for the caller's password, as PBS does;
 * TfaService checks it and the privileges.
 */
@Named
@ViewScoped
public class TfaView implements Serializable {
    private static final long serialVersionUID = 1L;
    /** 160-bit secrets, as PBS's GUI generates them. */
    private static final int SECRET_BYTES = 20;

    @Inject
    UserSession session;
    @Inject
    TfaService tfa;

    private List<TfaService.UserEntries> entries = List.of();
    private String userid;
    private String description;
    private String secret;
    private String code;
    private String password;
    private List<String> recoveryKeys;

    public void load() {
        entries = Messages.orElse(() -> tfa.listAll(session.caller()), List.of());
        if (userid == null) {
            userid = session.getAuthId();
        }
        if (secret == null) {
            newSecret();
        }
    }

    /** A fresh random TOTP secret for the form (nothing is stored until "Add" with a valid code). */
    public void newSecret() {
        byte[] b = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(b);
        secret = Totp.Base32.encode(b);
    }

    /** The otpauth URI an authenticator app imports. */
    public String getUri() {
        String label = URLEncoder.encode(userid == null ? "" : userid, StandardCharsets.UTF_8);
        return "otpauth://totp/pbsj:" + label + "?secret=" + secret + "&issuer=pbsj";
    }

    public String addTotp() {
        try {
            return Messages.run(() -> {
                tfa.add(session.caller(), DatastoresView.blankToNull(userid), "totp", description, getUri(),
                        code == null ? null : code.trim(), password);
                Messages.info("TOTP added for '" + userid + "'.");
                return "tfa?faces-redirect=true";
            });
        } finally {
            password = null;
            code = null;
        }
    }

    /** Recovery keys: stays on the page, which shows them once. */
    public void addRecovery() {
        try {
            TfaService.Added a = Messages.orElse(() -> tfa.add(session.caller(), DatastoresView.blankToNull(userid),
                    "recovery", null, null, null, password), null);
            recoveryKeys = a == null ? null : a.recovery();
            entries = Messages.orElse(() -> tfa.listAll(session.caller()), List.of());
        } finally {
            password = null;
        }
    }

    public String remove(String user, String id) {
        try {
            return Messages.run(() -> {
                tfa.delete(session.caller(), user, id, password);
                Messages.info("Second factor removed.");
                return "tfa?faces-redirect=true";
            });
        } finally {
            password = null;
        }
    }

    public List<TfaService.UserEntries> getEntries() {
        return entries;
    }

    public String getUserid() {
        return userid;
    }

    public void setUserid(String userid) {
        this.userid = userid;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getSecret() {
        return secret;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getRecoveryKeys() {
        return recoveryKeys;
    }
}
