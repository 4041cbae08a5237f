package org.pbsj.server.infrastructure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Password checks against an LDAP directory with the JDK's JNDI client, as PBS's LDAP realm
 * does them: bind with the service account (or anonymously), search the user by
 * {@code user-attr} below {@code base-dn} (and the optional filter), then bind as the user found.
 * {@code server2} is tried when {@code server1} cannot be reached.
 */
public final class LdapDirectory {
    public static final int DEFAULT_LDAP_PORT = 389;
    public static final int DEFAULT_LDAPS_PORT = 636;
    private static final String CONNECT_TIMEOUT_MS = "5000";
    private static final String READ_TIMEOUT_MS = "10000";

    /** What a realm's configuration says about its directory. */
    public record Settings(String server1, String server2, Integer port, String baseDn, String userAttr,
            String mode, boolean verify, String bindDn, String bindPassword, String filter) {
        int effectivePort() {
            return port != null ? port : "ldaps".equals(mode) ? DEFAULT_LDAPS_PORT : DEFAULT_LDAP_PORT;
        }
    }

    /** The directory could not be reached or refused the service account. */
    public static final class DirectoryUnavailableException extends RuntimeException {
        public DirectoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private LdapDirectory() {
    }

    /**
     * True if {@code username} exists exactly once below the base DN and {@code password} binds as
     * it. An empty password is always false (it would be an anonymous bind, which succeeds).
     */
    public static boolean authenticate(Settings s, String username, String password) {
        if (password == null || password.isEmpty() || username == null || username.isEmpty()) {
            return false;
        }
        List<String> servers = new ArrayList<>();
        servers.add(s.server1());
        if (s.server2() != null && !s.server2().isBlank()) {
            servers.add(s.server2());
        }
        NamingException last = null;
        for (String server : servers) {
            try {
                return authenticateOn(server, s, username, password);
            } catch (CommunicationException | ServiceUnavailableException e) {
                last = e; // try the next server
            } catch (NamingException e) {
                throw new DirectoryUnavailableException("LDAP server " + server + ": " + e.getMessage(), e);
            }
        }
        throw new DirectoryUnavailableException("no LDAP server reachable: " + (last == null ? "" : last.getMessage()), last);
    }

    private static boolean authenticateOn(String server, Settings s, String username, String password) throws NamingException {
        String userDn;
        LdapContext service = open(server, s, s.bindDn(), s.bindPassword());
        try {
            userDn = findUser(service, s, username);
        } finally {
            service.close();
        }
        if (userDn == null) {
            return false;
        }
        try {
            open(server, s, userDn, password).close();
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }

    private static String findUser(LdapContext ctx, Settings s, String username) throws NamingException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(new String[0]);
        controls.setCountLimit(2);
        String match = "(" + s.userAttr() + "=" + escapeFilterValue(username) + ")";
        String filter = s.filter() == null || s.filter().isBlank() ? match : "(&" + match + wrap(s.filter()) + ")";
        NamingEnumeration<SearchResult> results = ctx.search(s.baseDn(), filter, controls);
        try {
            if (!results.hasMore()) {
                return null;
            }
            String dn = results.next().getNameInNamespace();
            return results.hasMore() ? null : dn; // ambiguous: refuse
        } catch (javax.naming.SizeLimitExceededException e) {
            return null;
        } finally {
            results.close();
        }
    }

    private static String wrap(String filter) {
        String f = filter.strip();
        return f.startsWith("(") ? f : "(" + f + ")";
    }

    /** RFC 4515 escaping of an assertion value. */
    static String escapeFilterValue(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\5c");
                case '*' -> sb.append("\\2a");
                case '(' -> sb.append("\\28");
                case ')' -> sb.append("\\29");
                case '\0' -> sb.append("\\00");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static LdapContext open(String server, Settings s, String dn, String password) throws NamingException {
        boolean ldaps = "ldaps".equals(s.mode());
        boolean startTls = "ldap+starttls".equals(s.mode());
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, (ldaps ? "ldaps://" : "ldap://") + hostPart(server) + ":" + s.effectivePort());
        env.put("com.sun.jndi.ldap.connect.timeout", CONNECT_TIMEOUT_MS);
        env.put("com.sun.jndi.ldap.read.timeout", READ_TIMEOUT_MS);
        env.put(Context.REFERRAL, "ignore");
        if (ldaps && !s.verify()) {
            env.put("java.naming.ldap.factory.socket", TrustAllSocketFactory.class.getName());
        }
        if (!startTls) {
            putCredentials(env, dn, password);
            return new InitialLdapContext(env, null);
        }
        env.put(Context.SECURITY_AUTHENTICATION, "none");
        LdapContext ctx = new InitialLdapContext(env, null);
        try {
            StartTlsResponse tls = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
            if (s.verify()) {
                tls.negotiate();
            } else {
                tls.setHostnameVerifier((host, session) -> true);
                tls.negotiate(TrustAllSocketFactory.sslFactory());
            }
            if (dn != null && !dn.isEmpty()) {
                ctx.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
                ctx.addToEnvironment(Context.SECURITY_PRINCIPAL, dn);
                ctx.addToEnvironment(Context.SECURITY_CREDENTIALS, password == null ? "" : password);
                ctx.reconnect(null); // binds over the protected connection
            }
            return ctx;
        } catch (IOException e) {
            ctx.close();
            throw (CommunicationException) new CommunicationException("StartTLS failed: " + e.getMessage()).initCause(e);
        } catch (NamingException e) {
            ctx.close();
            throw e;
        }
    }

    private static void putCredentials(Hashtable<String, Object> env, String dn, String password) {
        if (dn == null || dn.isEmpty()) {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        } else {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, dn);
            env.put(Context.SECURITY_CREDENTIALS, password == null ? "" : password);
        }
    }

    private static String hostPart(String server) {
        return server.contains(":") && !server.startsWith("[") ? "[" + server + "]" : server;
    }

    /**
     * TLS without certificate checks, for realms configured with {@code verify false} (PBS's
     * default). JNDI instantiates it by name through {@link #getDefault()}.
     */
    public static final class TrustAllSocketFactory extends SocketFactory {
        private final SSLSocketFactory delegate = sslFactory();

        public static SocketFactory getDefault() {
            return new TrustAllSocketFactory();
        }

        static SSLSocketFactory sslFactory() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                // an X509ExtendedTrustManager, or the JDK wraps it and still checks the host name
                ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                    }

                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }}, new SecureRandom());
                return ctx.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Socket createSocket() throws IOException {
            return delegate.createSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return delegate.createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return delegate.createSocket(address, port, localAddress, localPort);
        }
    }
}
