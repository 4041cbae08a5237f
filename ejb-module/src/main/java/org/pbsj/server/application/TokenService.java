package org.pbsj.server.application;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.auth.UnixCrypt;
import org.pbsj.server.auth.Identities;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.domain.ApiToken;
import org.pbsj.server.domain.UserAccount;

/**
 * A user's API tokens ({@code /access/users/{userid}/token}): the secret is a random UUID v4,
 * shown once and stored as a yescrypt hash. Permission: {@code Permissions.Modify} (reads:
 * {@code Sys.Audit}) on {@code /access/users}, or the user itself (not one of its tokens).
 */
@Stateless
public class TokenService {
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    PermissionService permissions;

    private final UnixCrypt crypt = new UnixCrypt();

    /** A token as the API shows it. */
    public record TokenInfo(String tokenid, String tokenName, String comment, boolean enable, long expire) {
        static TokenInfo of(ApiToken t) {
            return new TokenInfo(t.getTokenid(), Identities.tokenNameOf(t.getTokenid()), t.getComment(),
                    t.isEnabled(), t.getExpire());
        }
    }

    /** What {@code POST} answers, once: {@code {"tokenid", "value"}}. */
    public record Secret(String tokenid, String value) {
    }

    public List<TokenInfo> list(AuthService.Caller caller, String userid) {
        checkAccess(caller, userid, Privilege.SYS_AUDIT);
        return UserConfig.tokensOf(em, userid);
    }

    public TokenInfo get(AuthService.Caller caller, String userid, String tokenName) {
        checkAccess(caller, userid, Privilege.SYS_AUDIT);
        return TokenInfo.of(find(userid, tokenName));
    }

    public Secret generate(AuthService.Caller caller, String userid, String tokenName, String comment,
            Boolean enable, Long expire, String digest) {
        checkAccess(caller, userid, Privilege.PERMISSIONS_MODIFY);
        String tokenid = tokenId(userid, tokenName);
        UserConfig.checkDigest(em, digest);
        if (!AuthService.SUPERUSER.equals(userid) && em.find(UserAccount.class, userid) == null) {
            throw ServiceException.notFound("user '" + userid + "' does not exist.");
        }
        if (em.find(ApiToken.class, tokenid) != null) {
            throw ServiceException.badRequest("token '" + tokenName + "' for user '" + userid + "' already exists.");
        }
        String secret = UUID.randomUUID().toString();
        ApiToken t = new ApiToken(tokenid, crypt.hash(secret));
        t.setComment(trimToNull(comment));
        t.setEnabled(enable == null || enable);
        t.setExpire(expire == null ? 0 : checkExpire(expire));
        em.persist(t);
        return new Secret(tokenid, secret);
    }

    public void update(AuthService.Caller caller, String userid, String tokenName, String comment,
            Boolean enable, Long expire, String digest) {
        checkAccess(caller, userid, Privilege.PERMISSIONS_MODIFY);
        UserConfig.checkDigest(em, digest);
        ApiToken t = find(userid, tokenName);
        if (comment != null) {
            t.setComment(trimToNull(comment));
        }
        if (enable != null) {
            t.setEnabled(enable);
        }
        if (expire != null) {
            t.setExpire(checkExpire(expire));
        }
    }

    public void delete(AuthService.Caller caller, String userid, String tokenName, String digest) {
        checkAccess(caller, userid, Privilege.PERMISSIONS_MODIFY);
        UserConfig.checkDigest(em, digest);
        ApiToken t = em.find(ApiToken.class, tokenId(userid, tokenName));
        if (t == null) {
            throw ServiceException.notFound("token '" + tokenName + "' of user '" + userid + "' does not exist.");
        }
        em.remove(t);
        UserConfig.removeAcls(em, t.getTokenid());
    }

    private void checkAccess(AuthService.Caller caller, String userid, Privilege priv) {
        UserService.requireUserid(userid);
        if (!caller.authId().equals(userid) && !permissions.privileges(caller, "/access/users").hasAll(priv.bit())) {
            throw ServiceException.forbidden();
        }
    }

    private ApiToken find(String userid, String tokenName) {
        ApiToken t = em.find(ApiToken.class, tokenId(userid, tokenName));
        if (t == null) {
            throw ServiceException.notFound("no such token '" + tokenName + "' for user '" + userid + "'");
        }
        return t;
    }

    private static String tokenId(String userid, String tokenName) {
        String id = userid + "!" + tokenName;
        if (!Identities.isTokenName(tokenName) || !Identities.isTokenId(id)) {
            throw ServiceException.badRequest("parameter verification errors\n\ntoken-name: value does not match the regex pattern");
        }
        return id;
    }

    static long checkExpire(long expire) {
        if (expire < 0) {
            throw ServiceException.badRequest("parameter verification errors\n\nexpire: value must have a minimum value of 0");
        }
        return expire;
    }

    static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
