package org.pbsj.server.auth;

import java.util.regex.Pattern;

/**
 * PBS identity syntax ({@code access-control.md} §1): user ids {@code name@realm}, API token ids
 * {@code name@realm!token}, realms and token names (SAFE_ID). Pure checks; callers turn a
 * {@code false} into their own error.
 */
public final class Identities {
    /** root@pam: every privilege everywhere. */
    public static final String SUPERUSER = "root@pam";
    static final Pattern USER_NAME = Pattern.compile("[^\\s:/\\p{Cntrl}]+");
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]*");

    private Identities() {
    }

    /** {@code <name>@<realm>}, 3..64 characters, split at the last '@'. */
    public static boolean isUserid(String s) {
        if (s == null || s.length() < 3 || s.length() > 64) {
            return false;
        }
        int at = s.lastIndexOf('@');
        return at > 0 && USER_NAME.matcher(s.substring(0, at)).matches() && isRealm(s.substring(at + 1));
    }

    /** A realm name: SAFE_ID, 2..32 characters. */
    public static boolean isRealm(String s) {
        return s != null && s.length() >= 2 && s.length() <= 32 && SAFE_ID.matcher(s).matches();
    }

    /** A token name: SAFE_ID, 2..64 characters. */
    public static boolean isTokenName(String s) {
        return s != null && s.length() >= 2 && s.length() <= 64 && SAFE_ID.matcher(s).matches();
    }

    /** {@code <userid>!<tokenname>}, 3..64 characters, split at the last '!' after the last '@'. */
    public static boolean isTokenId(String s) {
        if (s == null || s.length() < 3 || s.length() > 64) {
            return false;
        }
        int bang = s.lastIndexOf('!');
        return bang > s.lastIndexOf('@') && isUserid(s.substring(0, bang)) && isTokenName(s.substring(bang + 1));
    }

    public static boolean isAuthId(String s) {
        return isUserid(s) || isTokenId(s);
    }

    public static boolean isToken(String authId) {
        int bang = authId.lastIndexOf('!');
        return bang >= 0 && bang > authId.lastIndexOf('@');
    }

    /** The user of an auth id: the token's owner, or the user id itself. */
    public static String userOf(String authId) {
        return isToken(authId) ? authId.substring(0, authId.lastIndexOf('!')) : authId;
    }

    public static String realmOf(String userid) {
        return userid.substring(userid.lastIndexOf('@') + 1);
    }

    /** The user name without the realm. */
    public static String nameOf(String userid) {
        return userid.substring(0, userid.lastIndexOf('@'));
    }

    public static String tokenNameOf(String tokenId) {
        return tokenId.substring(tokenId.lastIndexOf('!') + 1);
    }
}
