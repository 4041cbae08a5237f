package org.pbsj.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecoveryKeysTest {
    @Test
    void tenKeysInPbsFormatStoredOnlyAsHmacs() {
        RecoveryKeys.Generated g = RecoveryKeys.generate(new SecureRandom());
        assertEquals(10, g.keys().size());
        for (String k : g.keys()) {
            assertTrue(k.matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"), k);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(64, g.hashes().get(i).length());
            assertTrue(!g.hashes().get(i).contains(g.keys().get(i).replace("-", "")));
        }
        assertEquals(64, g.secret().length());
    }

    @Test
    void findLocatesTheSlotAndIgnoresUsedOnes() {
        RecoveryKeys.Generated g = RecoveryKeys.generate(new SecureRandom());
        List<String> hashes = new ArrayList<>(g.hashes());
        assertEquals(3, RecoveryKeys.find(g.secret(), hashes, g.keys().get(3)));
        assertEquals(3, RecoveryKeys.find(g.secret(), hashes, " " + g.keys().get(3).toUpperCase() + " "));
        hashes.set(3, null);
        assertEquals(-1, RecoveryKeys.find(g.secret(), hashes, g.keys().get(3)));
        assertEquals(-1, RecoveryKeys.find(g.secret(), hashes, "0000-0000-0000-0000"));
        assertEquals(-1, RecoveryKeys.find(g.secret(), hashes, null));
        assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 9), RecoveryKeys.available(hashes));
    }

    @Test
    void theSameKeyHashesDifferentlyUnderAnotherSetSecret() {
        assertNotEquals(RecoveryKeys.hash("aa", "1234-5678-9abc-def0"), RecoveryKeys.hash("bb", "1234-5678-9abc-def0"));
    }
}
