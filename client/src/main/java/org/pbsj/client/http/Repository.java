package org.pbsj.client.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup repository {@code [[user@realm[!token]@]host[:port]:]store}, parsed with the regular
 * expression of PBS's {@code BACKUP_REPO_URL_REGEX} ({@code pbs-api-types}). Host, port and user
 * are null when not given; the accessors without "explicit" apply PBS's defaults
 * ({@code localhost}, 8007, {@code root@pam}).
 *
 * <p>IPv6 addresses must be in brackets ({@code root@pam@[::1]:8007:store1}); the brackets stay in
 * {@link #host()} because that string is also the key of the fingerprint and ticket caches,
 * where PBS keeps them too.
 */
public record Repository(String authIdExplicit, String hostExplicit, Integer portExplicit, String store) {
    public static final String DEFAULT_USER = "root@pam";
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8007;

    private static final String SAFE_ID = "[A-Za-z0-9_][A-Za-z0-9._\\-]*";
    // PBS: user names are anything but whitespace, ':', '/' and control characters (even '@')
    private static final String USER_NAME = "[^\\s:/\\p{Cntrl}]+";
    private static final String USER_ID = USER_NAME + "@" + SAFE_ID;
    private static final String AUTH_ID = USER_ID + "(?:!" + SAFE_ID + ")?";
    private static final String DNS_LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9])?";
    private static final String DNS_NAME = "(?:" + DNS_LABEL + "\\.)*" + DNS_LABEL;
    private static final String IPV6_BRACKET = "\\[[0-9A-Fa-f:.]+\\]";
    private static final Pattern REPO = Pattern.compile("^(?:(?:(" + AUTH_ID + ")@)?(" + DNS_NAME + "|"
            + IPV6_BRACKET + "):)?(?:([0-9]{1,5}):)?(" + SAFE_ID + ")$");
    private static final Pattern AUTH_ID_PATTERN = Pattern.compile("^" + AUTH_ID + "$");

    public Repository {
        if (store == null || !store.matches(SAFE_ID)) {
            throw new IllegalArgumentException("invalid datastore name '" + store + "'");
        }
        if (portExplicit != null && (portExplicit < 1 || portExplicit > 65535)) {
            throw new IllegalArgumentException("invalid port " + portExplicit);
        }
        if (authIdExplicit != null && !AUTH_ID_PATTERN.matcher(authIdExplicit).matches()) {
            throw new IllegalArgumentException("invalid user or token id '" + authIdExplicit + "'");
        }
    }

    /** Parses a repository string; errors name the input. */
    public static Repository parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty repository");
        }
        Matcher m = REPO.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid repository '" + text
                    + "' (expected [[user@realm@]host[:port]:]datastore)");
        }
        String host = m.group(2);
        if (host != null && host.startsWith("[")) {
            checkIpv6(text, host);
        }
        Integer port = null;
        if (m.group(3) != null) {
            port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid port " + port + " in repository '" + text + "'");
            }
        }
        return new Repository(m.group(1), host, port, m.group(4));
    }

    /**
     * Java parses bracketed IPv6 literals without a DNS lookup; anything it refuses is not an
     * address.
     */
    private static void checkIpv6(String text, String bracketed) {
        try {
            if (bracketed.indexOf(':') < 0) {
                throw new UnknownHostException(bracketed);
            }
            InetAddress.getByName(bracketed);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IPv6 address " + bracketed + " in repository '" + text + "'");
        }
    }

    public String authId() {
        return authIdExplicit != null ? authIdExplicit : DEFAULT_USER;
    }

    public String host() {
        return hostExplicit != null ? hostExplicit : DEFAULT_HOST;
    }

    public int port() {
        return portExplicit != null ? portExplicit : DEFAULT_PORT;
    }

    /** Whether the auth id names an API token ({@code user@realm!token}). */
    public boolean isApiToken() {
        return authId().indexOf('!') >= 0;
    }

    /** The user part of the auth id (without {@code !token}). */
    public String user() {
        String id = authId();
        int bang = id.indexOf('!');
        return bang < 0 ? id : id.substring(0, bang);
    }

    /** The repository string with defaults filled in, in the form PBS prints. */
    public String canonical() {
        return authId() + "@" + host() + ":" + port() + ":" + store;
    }

    /** What the user wrote (nothing filled in): the form to show back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (hostExplicit != null) {
            if (authIdExplicit != null) {
                sb.append(authIdExplicit).append('@');
            }
            sb.append(hostExplicit).append(':');
        }
        if (portExplicit != null) {
            sb.append(portExplicit).append(':');
        }
        return sb.append(store).toString();
    }
}
