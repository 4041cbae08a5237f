package org.pbsj.server.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.pbsj.server.domain.ApiToken;
import org.pbsj.server.domain.UserAccount;

/**
 * The user table seen as PBS's user.cfg: its section-config text (users and tokens, ordered by
 * id) and that text's SHA-256, the {@code digest} the API uses for optimistic locking. Also the
 * queries the user and token services share.
 */
final class UserConfig {
    private UserConfig() {
    }

    /** user.cfg text ({@code access-control.md} §1.1) of the given users and tokens. */
    static String render(List<UserService.UserInfo> users, List<TokenService.TokenInfo> tokens) {
        StringBuilder sb = new StringBuilder();
        for (UserService.UserInfo u : users) {
            sb.append("user: ").append(u.userid()).append('\n');
            prop(sb, "comment", u.comment());
            prop(sb, "email", u.email());
            prop(sb, "enable", u.enable() ? null : "false");
            prop(sb, "expire", u.expire() == 0 ? null : Long.toString(u.expire()));
            prop(sb, "firstname", u.firstname());
            prop(sb, "lastname", u.lastname());
            sb.append('\n');
        }
        for (TokenService.TokenInfo t : tokens) {
            sb.append("token: ").append(t.tokenid()).append('\n');
            prop(sb, "comment", t.comment());
            prop(sb, "enable", t.enable() ? null : "false");
            prop(sb, "expire", t.expire() == 0 ? null : Long.toString(t.expire()));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void prop(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append('\t').append(key).append(' ').append(value).append('\n');
        }
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digest(EntityManager em) {
        return digest(render(users(em), allTokens(em)));
    }

    static List<UserService.UserInfo> users(EntityManager em) {
        return em.createQuery("select u from UserAccount u order by u.userid", UserAccount.class)
                .getResultStream().map(UserService.UserInfo::of).toList();
    }

    static List<TokenService.TokenInfo> allTokens(EntityManager em) {
        return em.createQuery("select t from ApiToken t order by t.tokenid", ApiToken.class)
                .getResultStream().map(TokenService.TokenInfo::of).toList();
    }

    static List<TokenService.TokenInfo> tokensOf(EntityManager em, String userid) {
        return em.createQuery("select t from ApiToken t where t.tokenid like :prefix escape '\\' order by t.tokenid",
                        ApiToken.class)
                .setParameter("prefix", userid.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "!%")
                .getResultStream()
                .filter(t -> t.userid().equals(userid))
                .map(TokenService.TokenInfo::of)
                .toList();
    }

    /** Removes every ACL entry of {@code authId} (PBS: {@code acl_tree.delete_authid}). */
    static void removeAcls(EntityManager em, String authId) {
        em.createQuery("delete from AclEntry a where a.authId = :id").setParameter("id", authId).executeUpdate();
    }

    static void checkDigest(EntityManager em, String digest) {
        if (digest != null && !digest.equalsIgnoreCase(digest(em))) {
            throw ServiceException.badRequest("detected modified configuration - file changed by other user? Try again.");
        }
    }
}
