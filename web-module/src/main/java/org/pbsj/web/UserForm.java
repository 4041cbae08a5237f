package org.pbsj.web;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.UserService;

/**
 * "Add User" and "Edit User": the fields, converted for the service (the expiry date is shown as
 * a day, stored as epoch; empty means never). The service validates them.
 */
public class UserForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private String userid;
    private String password;
    private boolean enable = true;
    private String expire;
    private String firstname;
    private String lastname;
    private String email;
    private String comment;

    static UserForm of(UserService.UserInfo u) {
        UserForm f = new UserForm();
        f.userid = u.userid();
        f.enable = u.enable();
        f.expire = u.expire() == 0 ? null
                : LocalDate.ofInstant(Instant.ofEpochSecond(u.expire()), ZoneId.systemDefault()).toString();
        f.firstname = u.firstname();
        f.lastname = u.lastname();
        f.email = u.email();
        f.comment = u.comment();
        return f;
    }

    UserService.NewUser toNewUser() {
        return new UserService.NewUser(t(userid), password, t(comment), enable, expireEpoch(), t(firstname),
                t(lastname), t(email));
    }

    /** The changes of "Edit User"; empty fields are removed. */
    UserService.UserUpdate toUpdate() {
        List<String> delete = new ArrayList<>();
        for (String[] f : new String[][] {{"comment", comment}, {"firstname", firstname}, {"lastname", lastname},
            {"email", email}}) {
            if (t(f[1]) == null) {
                delete.add(f[0]);
            }
        }
        return new UserService.UserUpdate(t(comment), enable, expireEpoch(), t(firstname), t(lastname), t(email),
                null, delete, null);
    }

    private long expireEpoch() {
        if (t(expire) == null) {
            return 0;
        }
        try {
            return LocalDate.parse(expire.trim()).atStartOfDay(ZoneId.systemDefault()).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw ServiceException.badRequest("parameter verification errors\n\nexpire: not a date (YYYY-MM-DD)");
        }
    }

    private static String t(String s) {
        return DatastoresView.blankToNull(s);
    }

    public String getUserid() {
        return userid;
    }

    public void setUserid(String userid) {
        this.userid = userid;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isEnable() {
        return enable;
    }

    public void setEnable(boolean enable) {
        this.enable = enable;
    }

    public String getExpire() {
        return expire;
    }

    public void setExpire(String expire) {
        this.expire = expire;
    }

    public String getFirstname() {
        return firstname;
    }

    public void setFirstname(String firstname) {
        this.firstname = firstname;
    }

    public String getLastname() {
        return lastname;
    }

    public void setLastname(String lastname) {
        this.lastname = lastname;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
