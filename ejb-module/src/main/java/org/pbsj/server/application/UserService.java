package org.pbsj.server.application;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.UserAccount;

/** Users of the {@code pbs} realm: list, create, delete. */
@Stateless
public class UserService {
    /** {@code name@realm}: name without whitespace, ':' or '/', realm a SAFE_ID. */
    static final Pattern USERID = Pattern.compile("[^\\s:/\\p{Cntrl}]+@[A-Za-z0-9_][A-Za-z0-9._\\-]*");

    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    AuthService auth;
    @Inject
    PermissionService permissions;

    /** A user as the API shows it. */
    public record UserInfo(String userid, String comment, boolean enable, long expire,
            String firstname, String lastname, String email) {
        static UserInfo of(UserAccount u) {
            return new UserInfo(u.getUserid(), u.getComment(), u.isEnabled(), u.getExpire(),
                    u.getFirstname(), u.getLastname(), u.getEmail());
        }
    }

    /** What a caller may set on a new user. */
    public record NewUser(String userid, String password, String comment, Boolean enable, Long expire,
            String firstname, String lastname, String email) {
    }

    public List<UserInfo> list(AuthService.Caller caller) {
        boolean audit = permissions.privileges(caller, "/access/users").hasAll(Privilege.mask(Privilege.SYS_AUDIT));
        return em.createQuery("select u from UserAccount u order by u.userid", UserAccount.class)
                .getResultStream()
                .filter(u -> audit || u.getUserid().equals(caller.userid()))
                .map(UserInfo::of)
                .toList();
    }

    public void create(AuthService.Caller caller, NewUser spec) {
        permissions.require(caller, "/access/users", Privilege.PERMISSIONS_MODIFY);
        createUnchecked(spec);
    }

    /** Creation without a privilege check, for the server's own bootstrap. */
    public void createUnchecked(NewUser spec) {
        String userid = spec.userid();
        if (userid == null || userid.length() < 3 || userid.length() > 64 || !USERID.matcher(userid).matches()) {
            throw ServiceException.badRequest("parameter verification errors\n\nuserid: value does not match the regex pattern");
        }
        if (!userid.endsWith("@pbs") && spec.password() != null) {
            throw ServiceException.badRequest("only users of realm 'pbs' can have a password here");
        }
        if (spec.password() != null && (spec.password().length() < 5 || spec.password().length() > 64)) {
            throw ServiceException.badRequest("parameter verification errors\n\npassword: value must be 5..64 characters");
        }
        if (em.find(UserAccount.class, userid) != null || AuthService.SUPERUSER.equals(userid)) {
            throw ServiceException.badRequest("user '" + userid + "' already exists.");
        }
        UserAccount u = new UserAccount(userid);
        u.setComment(spec.comment());
        u.setEnabled(spec.enable() == null || spec.enable());
        u.setExpire(spec.expire() == null ? 0 : spec.expire());
        u.setFirstname(spec.firstname());
        u.setLastname(spec.lastname());
        u.setEmail(spec.email());
        if (spec.password() != null) {
            u.setPasswordHash(auth.hashPassword(spec.password()));
        }
        em.persist(u);
    }

    public long count() {
        return em.createQuery("select count(u) from UserAccount u", Long.class).getSingleResult();
    }
}
