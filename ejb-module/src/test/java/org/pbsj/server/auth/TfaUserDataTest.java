package org.pbsj.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TfaUserDataTest {
    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    static final String URI = new Totp("12345678901234567890".getBytes(StandardCharsets.US_ASCII), "SHA1", 6, 30)
            .toUri("john@pbs");
    static final Totp TOTP = Totp.fromUri(URI);

    static String codeAt(Instant t) {
        return TOTP.code(TOTP.counterAt(t));
    }

    private static TfaUserData withTotp() {
        TfaUserData d = new TfaUserData();
        d.addTotp("id1", "phone", URI, codeAt(T0.minusSeconds(60)), T0.minusSeconds(60));
        return d;
    }

    @Test
    void noSecondFactorNoChallenge() {
        assertEquals(Optional.empty(), new TfaUserData().challenge());
        TfaUserData d = withTotp();
        d.update("id1", null, false);
        assertEquals(Optional.empty(), d.challenge(), "all factors disabled: log in as if there were none");
    }

    @Test
    void addingTotpNeedsTheCurrentCode() {
        TfaUserData d = new TfaUserData();
        assertThrows(IllegalArgumentException.class, () -> d.addTotp("x", "phone", URI, "000000", T0));
        assertTrue(d.isEmpty());
        d.addTotp("x", "phone", URI, codeAt(T0), T0);
        assertEquals(new TfaChallenge(true, null), d.challenge().orElseThrow());
        assertEquals(List.of(new TfaUserData.EntryInfo("totp", "x", "phone", T0.getEpochSecond(), true)), d.entries());
    }

    @Test
    void totpCodeIsAcceptedOnceWithinTheWindow() {
        TfaUserData d = withTotp();
        TfaChallenge c = d.challenge().orElseThrow();
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "totp:" + codeAt(T0), T0));
        assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, "totp:" + codeAt(T0), T0), "replayed code");
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "totp:" + codeAt(T0.plusSeconds(30)), T0), "next step, +1");
        assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, "totp:" + codeAt(T0.plusSeconds(90)), T0), "+3 steps");
        assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, "webauthn:{}", T0));
        assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, "nonsense", T0));
        assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, null, T0));
    }

    @Test
    void eightTotpFailuresLockTotpUntilARecoveryKeyIsUsed() {
        TfaUserData d = withTotp();
        List<String> keys = d.addRecovery(new SecureRandom(), T0);
        TfaChallenge c = d.challenge().orElseThrow();
        for (int i = 0; i < TfaUserData.TOTP_FAILURE_LIMIT; i++) {
            assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, "totp:000000", T0));
        }
        assertTrue(d.totpLocked());
        assertEquals(TfaUserData.Outcome.LOCKED, d.verify(c, "totp:" + codeAt(T0), T0));
        assertFalse(d.challenge().orElseThrow().totp(), "a locked TOTP is not offered");
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "recovery:" + keys.get(0), T0));
        assertFalse(d.totpLocked());
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "totp:" + codeAt(T0), T0));
    }

    @Test
    void recoveryKeysAreSingleUseAndShowUpInTheChallenge() {
        TfaUserData d = new TfaUserData();
        List<String> keys = d.addRecovery(new SecureRandom(), T0);
        assertThrows(IllegalStateException.class, () -> d.addRecovery(new SecureRandom(), T0));
        TfaChallenge c = d.challenge().orElseThrow();
        assertEquals(new TfaChallenge(false, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), c);
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "recovery:" + keys.get(4), T0));
        assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, "recovery:" + keys.get(4), T0));
        assertEquals(List.of(0, 1, 2, 3, 5, 6, 7, 8, 9), d.challenge().orElseThrow().recovery());
        assertEquals(TfaUserData.Outcome.FAILED, d.verify(new TfaChallenge(true, null), "recovery:" + keys.get(5), T0),
                "the challenge did not offer recovery");
    }

    @Test
    void hundredFailuresLockEverySecondFactorForAnHour() {
        TfaUserData d = new TfaUserData();
        List<String> keys = d.addRecovery(new SecureRandom(), T0);
        TfaChallenge c = d.challenge().orElseThrow();
        for (int i = 0; i < TfaUserData.TFA_FAILURE_LIMIT; i++) {
            assertEquals(TfaUserData.Outcome.FAILED, d.verify(c, "recovery:0000-0000-0000-0000", T0));
        }
        assertEquals(T0.getEpochSecond() + 3600, d.tfaLockedUntil());
        assertEquals(TfaUserData.Outcome.LOCKED, d.verify(c, "recovery:" + keys.get(0), T0.plusSeconds(3599)));
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "recovery:" + keys.get(0), T0.plusSeconds(3601)));
    }

    @Test
    void unlockResetsLocks() {
        TfaUserData d = withTotp();
        TfaChallenge c = d.challenge().orElseThrow();
        for (int i = 0; i < TfaUserData.TOTP_FAILURE_LIMIT; i++) {
            d.verify(c, "totp:000000", T0);
        }
        assertTrue(d.unlock(T0));
        assertFalse(d.unlock(T0));
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "totp:" + codeAt(T0), T0));
    }

    @Test
    void jsonRoundTripKeepsEntriesCountersAndLocks() {
        TfaUserData d = withTotp();
        List<String> keys = d.addRecovery(new SecureRandom(), T0);
        TfaChallenge c = d.challenge().orElseThrow();
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "recovery:" + keys.get(1), T0));
        assertEquals(TfaUserData.Outcome.OK, d.verify(c, "totp:" + codeAt(T0), T0));
        for (int i = 0; i < TfaUserData.TOTP_FAILURE_LIMIT; i++) {
            d.verify(c, "totp:000000", T0);
        }
        TfaUserData back = TfaUserData.parse(d.toJson());
        assertEquals(d.entries(), back.entries());
        assertEquals(d.challenge(), back.challenge());
        assertTrue(back.totpLocked());
        assertEquals(TfaUserData.Outcome.FAILED, back.verify(c, "recovery:" + keys.get(1), T0), "used key stays used");
        back.unlock(T0);
        assertEquals(TfaUserData.Outcome.FAILED, back.verify(c, "totp:" + codeAt(T0), T0), "last counter kept");
        assertEquals(d.toJson(), TfaUserData.parse(d.toJson()).toJson());
    }

    @Test
    void deleteAndUpdateByEntryId() {
        TfaUserData d = withTotp();
        d.addRecovery(new SecureRandom(), T0);
        assertTrue(d.update("id1", "new phone", null));
        assertEquals("new phone", d.entries().get(0).description());
        assertFalse(d.update("nope", "x", null));
        assertTrue(d.delete(TfaUserData.RECOVERY_ID));
        assertFalse(d.delete(TfaUserData.RECOVERY_ID));
        assertTrue(d.delete("id1"));
        assertTrue(d.isEmpty());
    }

    @Test
    void challengeJsonHasPbsKeys() {
        assertEquals("{\"totp\":true,\"recovery\":[0,2]}", new TfaChallenge(true, List.of(0, 2)).toJson());
        assertEquals("{\"recovery\":[]}", new TfaChallenge(false, List.of()).toJson());
        assertEquals(new TfaChallenge(true, List.of(0, 2)), TfaChallenge.parse("{\"totp\":true,\"recovery\":[0,2]}"));
        assertThrows(IllegalArgumentException.class, () -> TfaChallenge.parse("{\"recovery\":[\"x\"]}"));
        assertThrows(IllegalArgumentException.class, () -> TfaChallenge.parse("nope"));
    }
}
