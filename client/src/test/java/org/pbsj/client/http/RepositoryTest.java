package org.pbsj.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryTest {
    @Test
    void storeOnlyUsesDefaults() {
        Repository r = Repository.parse("store1");
        assertNull(r.hostExplicit());
        assertEquals("localhost", r.host());
        assertEquals(8007, r.port());
        assertEquals("root@pam", r.authId());
        assertEquals("store1", r.store());
        assertEquals("root@pam@localhost:8007:store1", r.canonical());
        assertEquals("store1", r.toString());
    }

    @Test
    void hostAndStore() {
        Repository r = Repository.parse("backup.example.com:store1");
        assertEquals("backup.example.com", r.host());
        assertEquals(8007, r.port());
        assertEquals("root@pam", r.authId());
    }

    @Test
    void userHostPortStore() {
        Repository r = Repository.parse("john@pbs@pbs1.local:8443:data_01");
        assertEquals("john@pbs", r.authId());
        assertEquals("john@pbs", r.user());
        assertEquals("pbs1.local", r.host());
        assertEquals(8443, r.port());
        assertEquals("data_01", r.store());
        assertFalse(r.isApiToken());
        assertEquals("john@pbs@pbs1.local:8443:data_01", r.toString());
    }

    @Test
    void hostPortStore() {
        Repository r = Repository.parse("10.0.0.5:8007:store1");
        assertEquals("10.0.0.5", r.host());
        assertEquals(8007, r.port());
    }

    @Test
    void apiToken() {
        Repository r = Repository.parse("backup@pbs!client1@host:store");
        assertTrue(r.isApiToken());
        assertEquals("backup@pbs!client1", r.authId());
        assertEquals("backup@pbs", r.user());
    }

    @Test
    void ipv6InBrackets() {
        Repository r = Repository.parse("root@pam@[fe80::1]:8007:store1");
        assertEquals("[fe80::1]", r.host());
        assertEquals(8007, r.port());
        assertEquals("[::1]", Repository.parse("[::1]:s").host());
    }

    @Test
    void userNameMayContainAt() {
        // PBS's user name regex allows '@'; the realm is the last part before the host
        Repository r = Repository.parse("a@b@pam@host:store");
        assertEquals("a@b@pam", r.authId());
        assertEquals("host", r.host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "root@pam@store", "host:", ":store", "host:99999:store", "host:port:store",
            "[::1:store", "fe80::1:store", "[zz::1]:store", "[1.2.3.4]:store", "host:store/x", "root@pam@:store",
            "user@realm!bad token@host:store", "-host:store", "host:-store"})
    void invalid(String text) {
        assertThrows(IllegalArgumentException.class, () -> Repository.parse(text));
    }

    @Test
    void invalidMessageNamesInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Repository.parse("a b"));
        assertTrue(e.getMessage().contains("'a b'"), e.getMessage());
    }
}
