package org.pbsj.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentitiesTest {
    @ParameterizedTest
    @ValueSource(strings = {"john@pbs", "root@pam", "a@b1", "jöhn@pbs", "mail@host@pbs", "x!y@pbs", "u@my-ldap.realm_1"})
    void validUserids(String id) {
        assertTrue(Identities.isUserid(id), id);
        assertTrue(Identities.isAuthId(id), id);
        assertFalse(Identities.isTokenId(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "john", "@pbs", "jo hn@pbs", "jo:hn@pbs", "jo/hn@pbs", "jo\thn@pbs", "john@", "john@p",
        "john@-pbs", "john@pb s", "a@b"})
    void invalidUserids(String id) {
        assertFalse(Identities.isUserid(id), id);
    }

    @Test
    void lengthLimitsAreThreeToSixtyFour() {
        String name = "n".repeat(60);
        assertTrue(Identities.isUserid(name + "@pbs"));
        assertFalse(Identities.isUserid(name + "x@pbs"));
        assertFalse(Identities.isUserid("john@" + "r".repeat(33)));
    }

    @Test
    void tokenIdsSplitAtTheLastBangAfterTheLastAt() {
        assertTrue(Identities.isTokenId("john@pbs!backup"));
        assertTrue(Identities.isToken("john@pbs!backup"));
        assertEquals("john@pbs", Identities.userOf("john@pbs!backup"));
        assertEquals("backup", Identities.tokenNameOf("john@pbs!backup"));
        assertFalse(Identities.isTokenId("john@pbs!"));
        assertFalse(Identities.isTokenId("john@pbs!b"));
        assertFalse(Identities.isTokenId("john@pbs!bad name"));
        assertFalse(Identities.isToken("x!y@pbs"), "a '!' before the '@' belongs to the user name");
        assertEquals("x!y@pbs", Identities.userOf("x!y@pbs"));
        assertFalse(Identities.isTokenId("john@pbs!" + "t".repeat(60)), "longer than 64");
    }

    @Test
    void realmAndNameAreSplitAtTheLastAt() {
        assertEquals("pbs", Identities.realmOf("mail@host@pbs"));
        assertEquals("mail@host", Identities.nameOf("mail@host@pbs"));
        assertTrue(Identities.isRealm("pbs"));
        assertFalse(Identities.isRealm("p"));
        assertFalse(Identities.isRealm(".pbs"));
    }
}
