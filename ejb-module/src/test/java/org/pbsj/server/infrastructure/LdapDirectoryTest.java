package org.pbsj.server.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;

/**
 * The LDAP realm's password check against a real directory: UnboundID's in-memory server,
 * listening with StartTLS on one port and LDAPS on another (self-signed certificate).
 */
class LdapDirectoryTest {
    static final String BASE = "dc=example,dc=com";
    static final String SERVICE_DN = "cn=service," + BASE;
    static InMemoryDirectoryServer server;
    static int ldapPort;
    static int ldapsPort;

    @BeforeAll
    static void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        ObjectPair<File, char[]> ks = SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("pbsj-test", "PKCS12");
        SSLUtil ssl = new SSLUtil(new KeyStoreKeyManager(ks.getFirst(), ks.getSecond(), "PKCS12", null),
                new TrustAllTrustManager());
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        cfg.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("ldap", lo, 0, ssl.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig("ldaps", lo, 0, ssl.createSSLServerSocketFactory(), null));
        server = new InMemoryDirectoryServer(cfg);
        server.startListening();
        ldapPort = server.getListenPort("ldap");
        ldapsPort = server.getListenPort("ldaps");
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=others," + BASE, "objectClass: organizationalUnit", "ou: others");
        server.add("dn: " + SERVICE_DN, "objectClass: person", "cn: service", "sn: service", "userPassword: service-pw");
        person("alice", "people", "alice-pw", "staff");
        person("bob", "people", "bob-pw", "contractor");
        person("twin", "people", "twin-pw", "staff");
        server.add("dn: cn=twin2,ou=others," + BASE, "objectClass: inetOrgPerson", "uid: twin", "cn: twin2",
                "sn: x", "userPassword: twin-pw");
        person("star*", "people", "star-pw", "staff");
    }

    private static void person(String uid, String ou, String password, String type) throws Exception {
        server.add("dn: cn=" + uid.replace("*", "\\2a") + ",ou=" + ou + "," + BASE, "objectClass: inetOrgPerson",
                "uid: " + uid, "cn: " + uid, "sn: " + uid, "userPassword: " + password, "employeeType: " + type);
    }

    @AfterAll
    static void stopDirectory() {
        server.shutDown(true);
    }

    static LdapDirectory.Settings settings(String mode, int port, String filter) {
        return new LdapDirectory.Settings("127.0.0.1", null, port, BASE, "uid", mode, false, SERVICE_DN, "service-pw", filter);
    }

    @Test
    void serviceBindSearchThenUserBind() {
        LdapDirectory.Settings s = settings("ldap", ldapPort, null);
        assertTrue(LdapDirectory.authenticate(s, "alice", "alice-pw"));
        assertFalse(LdapDirectory.authenticate(s, "alice", "wrong"));
        assertFalse(LdapDirectory.authenticate(s, "alice", "bob-pw"));
        assertFalse(LdapDirectory.authenticate(s, "nobody", "alice-pw"));
    }

    @Test
    void emptyPasswordNeverAuthenticates() {
        assertFalse(LdapDirectory.authenticate(settings("ldap", ldapPort, null), "alice", ""),
                "an empty password would be an anonymous bind, which succeeds");
        assertFalse(LdapDirectory.authenticate(settings("ldap", ldapPort, null), "alice", null));
    }

    @Test
    void filterLimitsWhoMayLogIn() {
        assertTrue(LdapDirectory.authenticate(settings("ldap", ldapPort, "(employeeType=staff)"), "alice", "alice-pw"));
        assertFalse(LdapDirectory.authenticate(settings("ldap", ldapPort, "(employeeType=staff)"), "bob", "bob-pw"));
        assertTrue(LdapDirectory.authenticate(settings("ldap", ldapPort, "employeeType=contractor"), "bob", "bob-pw"),
                "a filter without parentheses is wrapped");
    }

    @Test
    void ambiguousAndWildcardNamesAreRefused() {
        assertFalse(LdapDirectory.authenticate(settings("ldap", ldapPort, null), "twin", "twin-pw"), "two entries match");
        assertFalse(LdapDirectory.authenticate(settings("ldap", ldapPort, null), "*", "alice-pw"), "'*' is escaped");
        assertTrue(LdapDirectory.authenticate(settings("ldap", ldapPort, null), "star*", "star-pw"));
    }

    @Test
    void anonymousSearchWhenNoBindDn() {
        LdapDirectory.Settings s = new LdapDirectory.Settings("127.0.0.1", null, ldapPort, BASE, "uid", "ldap", false,
                null, null, null);
        assertTrue(LdapDirectory.authenticate(s, "alice", "alice-pw"));
    }

    @Test
    void wrongServicePasswordIsAnErrorNotAFailedLogin() {
        LdapDirectory.Settings s = new LdapDirectory.Settings("127.0.0.1", null, ldapPort, BASE, "uid", "ldap", false,
                SERVICE_DN, "wrong", null);
        assertThrows(LdapDirectory.DirectoryUnavailableException.class, () -> LdapDirectory.authenticate(s, "alice", "alice-pw"));
    }

    @Test
    void startTlsAndLdaps() {
        assertTrue(LdapDirectory.authenticate(settings("ldap+starttls", ldapPort, null), "alice", "alice-pw"));
        assertFalse(LdapDirectory.authenticate(settings("ldap+starttls", ldapPort, null), "alice", "wrong"));
        assertTrue(LdapDirectory.authenticate(settings("ldaps", ldapsPort, null), "alice", "alice-pw"));
        assertFalse(LdapDirectory.authenticate(settings("ldaps", ldapsPort, null), "alice", "wrong"));
    }

    @Test
    void verifyRejectsAnUntrustedCertificate() {
        LdapDirectory.Settings s = new LdapDirectory.Settings("127.0.0.1", null, ldapsPort, BASE, "uid", "ldaps", true,
                SERVICE_DN, "service-pw", null);
        assertThrows(LdapDirectory.DirectoryUnavailableException.class, () -> LdapDirectory.authenticate(s, "alice", "alice-pw"));
    }

    @Test
    void secondServerIsTriedWhenTheFirstIsUnreachable() {
        LdapDirectory.Settings s = new LdapDirectory.Settings("127.0.0.2", "127.0.0.1", ldapPort, BASE, "uid", "ldap", false,
                SERVICE_DN, "service-pw", null);
        assertTrue(LdapDirectory.authenticate(s, "alice", "alice-pw"));
        LdapDirectory.Settings none = new LdapDirectory.Settings("127.0.0.2", null, ldapPort, BASE, "uid", "ldap", false,
                SERVICE_DN, "service-pw", null);
        assertThrows(LdapDirectory.DirectoryUnavailableException.class, () -> LdapDirectory.authenticate(none, "alice", "alice-pw"));
    }

    @Test
    void filterValuesAreEscapedPerRfc4515() {
        assertEquals("a\\2a\\28b\\29\\5c\\00", LdapDirectory.escapeFilterValue("a*(b)\\\0"));
    }
}
