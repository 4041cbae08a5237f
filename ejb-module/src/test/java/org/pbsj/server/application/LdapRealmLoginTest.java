package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.server.application.AccessFixture.ROOT;
import static org.pbsj.server.application.AccessFixture.as;
import static org.pbsj.server.application.UserAndTokenServicesTest.assertStatus;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pbsj.server.auth.Role;
import org.pbsj.server.domain.TestDatabases;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

/** An LDAP realm configured through the service and used for logins, against a real directory. */
class LdapRealmLoginTest {
    static InMemoryDirectoryServer server;

    @TempDir
    Path dir;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @BeforeAll
    static void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig("dc=corp,dc=test");
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), 0, null));
        server = new InMemoryDirectoryServer(cfg);
        server.startListening();
        server.add("dn: dc=corp,dc=test", "objectClass: domain", "dc: corp");
        server.add("dn: cn=svc,dc=corp,dc=test", "objectClass: person", "cn: svc", "sn: svc", "userPassword: svc-pw");
        for (String uid : List.of("alice", "bob")) {
            server.add("dn: cn=" + uid + ",dc=corp,dc=test", "objectClass: inetOrgPerson", "uid: " + uid,
                    "cn: " + uid, "sn: " + uid, "userPassword: " + uid + "-pw");
        }
    }

    @AfterAll
    static void stopDirectory() {
        server.shutDown(true);
    }

    static RealmService.LdapUpdate corp(String bindPassword) {
        return new RealmService.LdapUpdate("127.0.0.1", null, server.getListenPort("ldap"), "dc=corp,dc=test", "uid",
                "ldap", null, "cn=svc,dc=corp,dc=test", bindPassword, null, "Corporate directory");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ldapUsersLogInWhenTheyExistInTheUserTable(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.run(() -> f.realms.createLdap(ROOT, "corp", corp("svc-pw")));
            assertEquals(List.of("pam", "pbs", "corp"), f.tx(f.realms::domains).stream().map(RealmService.Domain::realm).toList());
            RealmService.LdapConfig shown = f.tx(() -> f.realms.getLdap(ROOT, "corp"));
            assertEquals("cn=svc,dc=corp,dc=test", shown.bindDn());
            f.run(() -> f.users.create(ROOT, new UserService.NewUser("alice@corp", null, null, null, null, null, null, null)));
            assertEquals("alice@corp", f.tx(() -> f.auth.login("alice@corp", "alice-pw")).username());
            assertStatus(401, () -> f.run(() -> f.auth.login("alice@corp", "wrong")));
            assertStatus(401, () -> f.run(() -> f.auth.login("alice@corp", "")));
            assertStatus(401, () -> f.run(() -> f.auth.login("bob@corp", "bob-pw")), "bob is not in the user table");
            assertStatus(400, () -> f.run(() -> f.users.changePassword(as("alice@corp"), "alice@corp", "new-pw-1", null)),
                    "LDAP realms store no passwords");

            f.run(() -> f.realms.updateLdap(ROOT, "corp", new RealmService.LdapUpdate(null, null, null, null, null, null,
                    null, null, "wrong", null, null), List.of()));
            assertStatus(401, () -> f.run(() -> f.auth.login("alice@corp", "alice-pw")), "service bind fails");
            f.run(() -> f.realms.updateLdap(ROOT, "corp", new RealmService.LdapUpdate(null, null, null, null, null, null,
                    null, null, null, "(uid=bob)", null), List.of("password", "bind-dn")));
            assertStatus(401, () -> f.run(() -> f.auth.login("alice@corp", "alice-pw")), "filtered out");
            f.run(() -> f.realms.updateLdap(ROOT, "corp", new RealmService.LdapUpdate(null, null, null, null, null, null,
                    null, null, null, null, null), List.of("filter", "comment")));
            assertNull(f.tx(() -> f.realms.getLdap(ROOT, "corp")).comment());
            assertEquals("alice@corp", f.tx(() -> f.auth.login("alice@corp", "alice-pw")).username(), "anonymous search");

            f.run(() -> f.realms.deleteLdap(ROOT, "corp"));
            assertStatus(401, () -> f.run(() -> f.auth.login("alice@corp", "alice-pw")));
            assertFalse(f.tx(() -> f.realms.exists("corp")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void realmConfigRules(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("admin@pbs", "secret-1");
            assertStatus(403, () -> f.run(() -> f.realms.createLdap(as("admin@pbs"), "corp", corp("x"))));
            f.grant("/access/domains", "admin@pbs", Role.AUDIT);
            assertStatus(403, () -> f.run(() -> f.realms.createLdap(as("admin@pbs"), "corp", corp("x"))),
                    "Realm.Allocate needed");
            assertEquals(List.of(), f.tx(() -> f.realms.listLdap(as("admin@pbs"))));
            assertStatus(400, () -> f.run(() -> f.realms.createLdap(ROOT, "pbs", corp("x"))));
            assertStatus(400, () -> f.run(() -> f.realms.createLdap(ROOT, "bad realm", corp("x"))));
            assertStatus(400, () -> f.run(() -> f.realms.createLdap(ROOT, "corp", new RealmService.LdapUpdate(
                    "h", null, null, "dc=x", "uid", "ldapx", null, null, null, null, null))));
            assertStatus(400, () -> f.run(() -> f.realms.createLdap(ROOT, "corp", new RealmService.LdapUpdate(
                    "h", null, null, null, "uid", null, null, null, null, null, null))), "base-dn is required");
            f.run(() -> f.realms.createLdap(ROOT, "corp", corp("x")));
            assertStatus(400, () -> f.run(() -> f.realms.createLdap(ROOT, "corp", corp("x"))));
            assertTrue(f.tx(() -> f.realms.exists("corp")));
            assertStatus(404, () -> f.run(() -> f.realms.getLdap(ROOT, "nope")));
            assertStatus(400, () -> f.run(() -> f.realms.updateLdap(ROOT, "corp", corp(null), List.of("base-dn"))));
        }
    }
}
