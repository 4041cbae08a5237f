package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.server.application.AccessFixture.ROOT;
import static org.pbsj.server.application.AccessFixture.as;
import static org.pbsj.server.application.UserAndTokenServicesTest.assertStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pbsj.server.auth.Totp;
import org.pbsj.server.auth.TfaUserData;
import org.pbsj.server.domain.TestDatabases;

/** TOTP and recovery keys: management rules and the two-step login, on H2 and PostgreSQL. */
class TfaLoginTest {
    static final Totp TOTP = new Totp("12345678901234567890".getBytes(StandardCharsets.US_ASCII), "SHA1", 6, 30);
    static final String URI = TOTP.toUri("john@pbs");

    @TempDir
    Path dir;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private String code(AccessFixture f, int steps) {
        return TOTP.code(TOTP.counterAt(f.clock.now) + steps);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void totpLoginNeedsThePartialTicketAndACode(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            AuthService.Caller john = as("john@pbs");
            assertStatus(401, () -> f.run(() -> f.tfa.add(john, "john@pbs", "totp", "phone", URI, code(f, 0), null)),
                    "own password required");
            assertStatus(401, () -> f.run(() -> f.tfa.add(john, "john@pbs", "totp", "phone", URI, code(f, 0), "wrong")));
            assertStatus(400, () -> f.run(() -> f.tfa.add(john, "john@pbs", "totp", "phone", URI, "000000", "secret-1")));
            TfaService.Added added = f.tx(() -> f.tfa.add(john, "john@pbs", "totp", "phone", URI, code(f, 0), "secret-1"));

            AuthService.Login partial = f.tx(() -> f.auth.login("john@pbs", "secret-1"));
            assertEquals("invalid", partial.csrfToken());
            assertTrue(partial.ticket().startsWith("PBS:!tfa!{\"totp\"%3Atrue}:"), partial.ticket());
            assertStatus(401, () -> f.run(() -> f.auth.authenticateTicket(partial.ticket(), false, null)),
                    "a partial ticket is no ticket");
            f.clock.now = f.clock.now.plusSeconds(30);
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "totp:000000", partial.ticket())));
            assertStatus(401, () -> f.run(() -> f.auth.login("jane@pbs", "totp:" + code(f, 0), partial.ticket())));
            AuthService.Login full = f.tx(() -> f.auth.login("john@pbs", "totp:" + code(f, 0), partial.ticket()));
            assertTrue(full.ticket().startsWith("PBS:john@pbs:"));
            assertEquals("john@pbs", f.tx(() -> f.auth.authenticateTicket(full.ticket(), true, full.csrfToken())).authId());
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "totp:" + code(f, 0), partial.ticket())),
                    "a code is accepted once");
            f.clock.now = f.clock.now.plusSeconds(601);
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "totp:" + code(f, 0), partial.ticket())),
                    "partial tickets expire after 600 s");
            assertEquals("john@pbs", f.tx(() -> f.auth.login("john@pbs", full.ticket())).username(),
                    "ticket renewal skips the second factor");

            f.run(() -> f.tfa.delete(john, "john@pbs", added.id(), "secret-1"));
            assertTrue(f.tx(() -> f.auth.login("john@pbs", "secret-1")).ticket().startsWith("PBS:john@pbs:"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void recoveryKeysAreSingleUse(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            TfaService.Added added = f.tx(() -> f.tfa.add(ROOT, "john@pbs", "recovery", null, null, null, null));
            assertEquals("recovery", added.id());
            assertEquals(10, added.recovery().size());
            assertStatus(400, () -> f.run(() -> f.tfa.add(ROOT, "john@pbs", "recovery", null, null, null, null)));
            AuthService.Login partial = f.tx(() -> f.auth.login("john@pbs", "secret-1"));
            assertTrue(partial.ticket().startsWith("PBS:!tfa!{\"recovery\"%3A[0,1,2,3,4,5,6,7,8,9]}:"), partial.ticket());
            f.tx(() -> f.auth.login("john@pbs", "recovery:" + added.recovery().get(2), partial.ticket()));
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "recovery:" + added.recovery().get(2),
                    partial.ticket())));
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "totp:123456", partial.ticket())));
            List<TfaUserData.EntryInfo> entries = f.tx(() -> f.tfa.list(as("john@pbs"), "john@pbs"));
            assertEquals(List.of("recovery"), entries.stream().map(TfaUserData.EntryInfo::type).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void managementPermissionsAndUnlock(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            f.user("jane@pbs", "secret-2");
            assertStatus(403, () -> f.run(() -> f.tfa.list(as("jane@pbs"), "john@pbs")));
            assertStatus(403, () -> f.run(() -> f.tfa.add(as("jane@pbs"), "john@pbs", "recovery", null, null, null, "secret-2")));
            assertStatus(400, () -> f.run(() -> f.tfa.add(ROOT, "john@pbs", "webauthn", null, null, null, null)));
            assertStatus(401, () -> f.run(() -> f.tfa.add(ROOT, "ghost@pbs", "recovery", null, null, null, null)),
                    "the user must exist");
            f.tx(() -> f.tfa.add(ROOT, "john@pbs", "totp", "phone", URI, code(f, 0), null));
            f.tx(() -> f.tfa.add(ROOT, "jane@pbs", "recovery", null, null, null, null));
            assertEquals(List.of("jane@pbs"), f.tx(() -> f.tfa.listAll(as("jane@pbs"))).stream()
                    .map(TfaService.UserEntries::userid).toList());
            assertEquals(2, f.tx(() -> f.tfa.listAll(ROOT)).size());
            AuthService.Login partial = f.tx(() -> f.auth.login("john@pbs", "secret-1"));
            for (int i = 0; i < TfaUserData.TOTP_FAILURE_LIMIT; i++) {
                f.run(() -> f.tfa.verify("john@pbs", new org.pbsj.server.auth.TfaChallenge(true, null), "totp:000000"));
            }
            assertTrue(f.tx(() -> f.tfa.lockState("john@pbs")).totpLocked());
            assertTrue(f.tx(() -> f.users.list(ROOT, false)).stream().anyMatch(u -> u.totpLocked()));
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "totp:" + code(f, 0), partial.ticket())));
            assertStatus(403, () -> f.run(() -> f.tfa.unlock(as("john@pbs"), "john@pbs")));
            assertTrue(f.tx(() -> f.tfa.unlock(ROOT, "john@pbs")));
            assertFalse(f.tx(() -> f.tfa.lockState("john@pbs")).totpLocked());
            f.clock.now = f.clock.now.plusSeconds(30); // the current code was used to add the entry
            f.tx(() -> f.auth.login("john@pbs", "totp:" + code(f, 0), partial.ticket()));
            f.run(() -> f.users.delete(ROOT, "john@pbs", null));
            assertEquals(1, f.tx(() -> f.tfa.listAll(ROOT)).size(), "deleting a user deletes its second factors");
        }
    }
}
