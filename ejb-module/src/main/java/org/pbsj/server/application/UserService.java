package org.pbsj.server.application;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.server.auth.Identities;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.ApiToken;
import org.pbsj.server.domain.UserAccount;

/**
 * Users ({@code /access/users}, {@code /access/password}) with PBS's rules: listing and reading
 * need {@code Sys.Audit} on {@code /access/users} unless it is the caller itself, changes need
 * {@code Permissions.Modify} there unless it is the caller itself; ids are checked as
 * {@code access-control.md} §1 says; deleting a user removes its tokens, ACL entries and second
 * factors.
 */
@Stateless
public class UserService {
    /** {@code name@realm}: name without whitespace, ':' or '/', realm a SAFE_ID (see {@link Identities}). */
    static final java.util.regex.Pattern USERID = java.util.regex.Pattern.compile(
            "[^\\s:/\\p{Cntrl}]+@[A-Za-z0-9_][A-Za-z0-9._\\-]*");
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    AuthService auth;
    @Inject
    PermissionService permissions;
    @Inject
    RealmService realms;
    @Inject
    RealmAuthenticator authenticator;
    @Inject
    TfaService tfa;

    /** A user as the API shows it. */
    public record UserInfo(String userid, String comment, boolean enable, long expire,
            String firstname, String lastname, String email) {
        static UserInfo of(UserAccount u) {
            return new UserInfo(u.getUserid(), u.getComment(), u.isEnabled(), u.getExpire(),
                    u.getFirstname(), u.getLastname(), u.getEmail());
        }
    }

    /** A list entry: the user, its tokens if asked for, and its TFA lock state. */
    public record UserWithTokens(UserInfo user, List<TokenService.TokenInfo> tokens, boolean totpLocked,
            Long tfaLockedUntil) {
    }

    /** What a caller may set on a new user. */
    public record NewUser(String userid, String password, String comment, Boolean enable, Long expire,
            String firstname, String lastname, String email) {
    }

    /** Changes of {@code PUT /access/users/{userid}}: null = unchanged, empty string = remove. */
    public record UserUpdate(String comment, Boolean enable, Long expire, String firstname, String lastname,
            String email, String password, List<String> delete, String digest) {
    }

    public List<UserInfo> list(AuthService.Caller caller) {
        return list(caller, false).stream().map(UserWithTokens::user).toList();
    }

    public List<UserWithTokens> list(AuthService.Caller caller, boolean includeTokens) {
        boolean audit = permissions.privileges(caller, "/access/users").hasAll(Privilege.SYS_AUDIT.bit());
        Map<String, List<TokenService.TokenInfo>> tokens = includeTokens
                ? UserConfig.allTokens(em).stream().collect(Collectors.groupingBy(t -> Identities.userOf(t.tokenid())))
                : Map.of();
        return UserConfig.users(em).stream()
                .filter(u -> audit || u.userid().equals(caller.userid()))
                .map(u -> {
                    TfaService.LockState lock = tfa.lockState(u.userid());
                    return new UserWithTokens(u, includeTokens ? tokens.getOrDefault(u.userid(), List.of()) : null,
                            lock.totpLocked(), lock.tfaLockedUntil());
                })
                .toList();
    }

    /** The user config digest, as {@code list}, {@code get} and the token calls report it. */
    public String digest() {
        return UserConfig.digest(em);
    }

    public UserInfo get(AuthService.Caller caller, String userid) {
        requireUserid(userid);
        requireSelfOr(caller, userid, Privilege.SYS_AUDIT);
        return UserInfo.of(find(userid));
    }

    public void create(AuthService.Caller caller, NewUser spec) {
        permissions.require(caller, "/access/users", Privilege.PERMISSIONS_MODIFY);
        if (spec.userid() != null && Identities.isUserid(spec.userid())
                && !realms.exists(Identities.realmOf(spec.userid()))) {
            throw ServiceException.badRequest("unknown realm '" + Identities.realmOf(spec.userid()) + "'");
        }
        createUnchecked(spec);
    }

    /** Creation without a privilege check, for the server's own bootstrap. */
    public void createUnchecked(NewUser spec) {
        String userid = spec.userid();
        requireUserid(userid);
        if (!userid.endsWith("@pbs") && spec.password() != null) {
            throw ServiceException.badRequest("only users of realm 'pbs' can have a password here");
        }
        if (spec.password() != null) {
            checkPassword(spec.password());
        }
        if (em.find(UserAccount.class, userid) != null || AuthService.SUPERUSER.equals(userid)) {
            throw ServiceException.badRequest("user '" + userid + "' already exists.");
        }
        UserAccount u = new UserAccount(userid);
        u.setComment(TokenService.trimToNull(spec.comment()));
        u.setEnabled(spec.enable() == null || spec.enable());
        u.setExpire(spec.expire() == null ? 0 : TokenService.checkExpire(spec.expire()));
        u.setFirstname(emptyToNull(spec.firstname()));
        u.setLastname(emptyToNull(spec.lastname()));
        u.setEmail(emptyToNull(spec.email()));
        if (spec.password() != null) {
            u.setPasswordHash(auth.hashPassword(spec.password()));
        }
        em.persist(u);
    }

    public void update(AuthService.Caller caller, String userid, UserUpdate up) {
        requireUserid(userid);
        requireSelfOr(caller, userid, Privilege.PERMISSIONS_MODIFY);
        UserConfig.checkDigest(em, up.digest());
        UserAccount u = find(userid);
        for (String d : up.delete() == null ? List.<String>of() : up.delete()) {
            switch (d) {
                case "comment" -> u.setComment(null);
                case "firstname" -> u.setFirstname(null);
                case "lastname" -> u.setLastname(null);
                case "email" -> u.setEmail(null);
                default -> throw ServiceException.badRequest("parameter verification errors\n\ndelete: value '" + d
                        + "' is not one of comment, firstname, lastname, email");
            }
        }
        if (up.comment() != null) {
            u.setComment(TokenService.trimToNull(up.comment()));
        }
        if (up.enable() != null) {
            u.setEnabled(up.enable());
        }
        if (up.expire() != null) {
            u.setExpire(TokenService.checkExpire(up.expire()));
        }
        if (up.password() != null) {
            if (!caller.userid().equals(userid) && Identities.realmOf(userid).equals("pam")
                    && !AuthService.SUPERUSER.equals(caller.authId())) {
                throw ServiceException.badRequest("only superuser can edit pam credentials!");
            }
            authenticator.storePassword(userid, up.password());
        }
        if (up.firstname() != null) {
            u.setFirstname(emptyToNull(up.firstname()));
        }
        if (up.lastname() != null) {
            u.setLastname(emptyToNull(up.lastname()));
        }
        if (up.email() != null) {
            u.setEmail(emptyToNull(up.email()));
        }
    }

    /** Deletes the user with its tokens, their ACL entries and its second factors. */
    public void delete(AuthService.Caller caller, String userid, String digest) {
        requireUserid(userid);
        requireSelfOr(caller, userid, Privilege.PERMISSIONS_MODIFY);
        UserConfig.checkDigest(em, digest);
        UserAccount u = em.find(UserAccount.class, userid);
        if (u == null) {
            throw ServiceException.notFound("user '" + userid + "' does not exist.");
        }
        for (TokenService.TokenInfo t : UserConfig.tokensOf(em, userid)) {
            em.remove(em.find(ApiToken.class, t.tokenid()));
            UserConfig.removeAcls(em, t.tokenid());
        }
        UserConfig.removeAcls(em, userid);
        tfa.removeUser(userid);
        em.remove(u);
    }

    /**
     * {@code PUT /access/password}: the own password; others' if the caller is root@pam, or has
     * {@code Permissions.Modify} on {@code /} and the target is not a {@code pam} user. Never
     * for API tokens. A given {@code confirmation-password} must be the caller's own password.
     */
    public void changePassword(AuthService.Caller caller, String userid, String password, String confirmation) {
        requireUserid(userid);
        if (caller.isToken()) {
            throw ServiceException.badRequest("API tokens cannot access this API endpoint");
        }
        boolean allowed = caller.userid().equals(userid)
                || AuthService.SUPERUSER.equals(caller.authId())
                || (permissions.privileges(caller, "/").hasAny(Privilege.PERMISSIONS_MODIFY.bit())
                        && !Identities.realmOf(userid).equals("pam"));
        if (!allowed) {
            throw ServiceException.badRequest("you are not authorized to change the password.");
        }
        if (confirmation != null && !AuthService.SUPERUSER.equals(caller.authId())
                && !authenticator.authenticate(caller.userid(), confirmation)) {
            throw ServiceException.unauthorized("authentication failed - wrong confirmation password");
        }
        find(userid);
        authenticator.storePassword(userid, password);
    }

    public long count() {
        return em.createQuery("select count(u) from UserAccount u", Long.class).getSingleResult();
    }

    private void requireSelfOr(AuthService.Caller caller, String userid, Privilege priv) {
        if (!caller.authId().equals(userid) && !permissions.privileges(caller, "/access/users").hasAll(priv.bit())) {
            throw ServiceException.forbidden();
        }
    }

    private UserAccount find(String userid) {
        UserAccount u = em.find(UserAccount.class, userid);
        if (u == null) {
            throw ServiceException.notFound("user '" + userid + "' does not exist.");
        }
        return u;
    }

    static void requireUserid(String userid) {
        if (!Identities.isUserid(userid)) {
            throw ServiceException.badRequest("parameter verification errors\n\nuserid: value does not match the regex pattern");
        }
    }

    /** PBS's password schema for the pbs realm: 5..64 characters. */
    static void checkPassword(String password) {
        if (password.length() < 5 || password.length() > 64) {
            throw ServiceException.badRequest("parameter verification errors\n\npassword: value must be 5..64 characters");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
