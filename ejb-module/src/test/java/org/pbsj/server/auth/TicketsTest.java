package org.pbsj.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketsTest {
    private static final Instant T0 = Instant.parse("2024-06-05T18:09:54Z");
    private final KeyPair keys = generate();
    private final byte[] csrfKey = new byte[64];

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Tickets at(Instant t) {
        return new Tickets(keys, csrfKey, Clock.fixed(t, ZoneOffset.UTC));
    }

    @Test
    void ticketHasPbsShapeAndVerifies() {
        String ticket = at(T0).issueTicket("john@pbs");
        assertTrue(ticket.startsWith("PBS:john@pbs:6660A9F2::"), ticket);
        assertFalse(ticket.substring(ticket.indexOf("::") + 2).contains("="), "base64 without padding");
        assertEquals(Optional.of("john@pbs"), at(T0.plusSeconds(7200)).verifyTicket(ticket));
    }

    @Test
    void expiredFutureForgedAndMalformedTicketsAreRejected() {
        String ticket = at(T0).issueTicket("john@pbs");
        assertEquals(Optional.empty(), at(T0.plusSeconds(7201)).verifyTicket(ticket));
        assertEquals(Optional.empty(), at(T0.minusSeconds(301)).verifyTicket(ticket));
        String forged = ticket.replace("john@pbs", "root@pam");
        assertEquals(Optional.empty(), at(T0).verifyTicket(forged));
        String otherKey = new Tickets(generate(), csrfKey, Clock.fixed(T0, ZoneOffset.UTC)).issueTicket("john@pbs");
        assertEquals(Optional.empty(), at(T0).verifyTicket(otherKey));
        for (String bad : new String[] {"", "PBS", "PBS:x:1:", "PBS:x:6660A9F2:sig", "PBS:x:zzzzzzzz::AAAA", "XYZ:x:6660A9F2::AAAA", "PBS:x:6660A9F2::!!!"}) {
            assertEquals(Optional.empty(), at(T0).verifyTicket(bad), bad);
        }
    }

    @Test
    void userIdsWithColonsArePercentEncoded() {
        String ticket = at(T0).issueTicket("we:ird@pbs");
        assertTrue(ticket.startsWith("PBS:we%3Aird@pbs:"), ticket);
        assertEquals(Optional.of("we:ird@pbs"), at(T0).verifyTicket(ticket));
    }

    @Test
    void csrfTokenBindsUserAndTime() {
        String token = at(T0).issueCsrfToken("john@pbs");
        assertTrue(token.startsWith("6660A9F2:"), token);
        assertTrue(at(T0.plusSeconds(60)).verifyCsrfToken(token, "john@pbs"));
        assertFalse(at(T0).verifyCsrfToken(token, "jane@pbs"));
        assertFalse(at(T0.plusSeconds(7201)).verifyCsrfToken(token, "john@pbs"));
        assertFalse(at(T0).verifyCsrfToken("6660A9F2:AAAA", "john@pbs"));
        assertFalse(at(T0).verifyCsrfToken(null, "john@pbs"));
    }

    @Test
    void keyFilesAreCreatedOnceAndReloaded(@TempDir Path dir) throws Exception {
        KeyPair a = KeyFiles.loadOrCreateAuthKey(dir);
        KeyPair b = KeyFiles.loadOrCreateAuthKey(dir);
        String ticket = new Tickets(a, csrfKey, Clock.fixed(T0, ZoneOffset.UTC)).issueTicket("x@pbs");
        assertEquals(Optional.of("x@pbs"), new Tickets(b, csrfKey, Clock.fixed(T0, ZoneOffset.UTC)).verifyTicket(ticket));
        byte[] c1 = KeyFiles.loadOrCreateCsrfKey(dir, new SecureRandom());
        byte[] c2 = KeyFiles.loadOrCreateCsrfKey(dir, new SecureRandom());
        assertEquals(64, c1.length);
        assertEquals(java.util.HexFormat.of().formatHex(c1), java.util.HexFormat.of().formatHex(c2));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(dir.resolve("authkey.key"))));
    }

    @Test
    void partialTicketCarriesTheChallengeAndIsBoundToTheUser() {
        String json = "{\"totp\":true,\"recovery\":[0,1]}";
        String partial = at(T0).issuePartialTicket("john@pbs", json);
        assertTrue(partial.startsWith("PBS:!tfa!{\"totp\"%3Atrue,\"recovery\"%3A[0,1]}:6660A9F2::"), partial);
        assertEquals(Optional.of(json), at(T0.plusSeconds(600)).verifyPartialTicket(partial, "john@pbs"));
        assertEquals(Optional.empty(), at(T0).verifyPartialTicket(partial, "jane@pbs"), "user id is signed as AAD");
        assertEquals(Optional.empty(), at(T0).verifyTicket(partial), "a partial ticket never authenticates");
        assertEquals(Optional.empty(), at(T0).verifyPartialTicket(at(T0).issueTicket("john@pbs"), "john@pbs"));
    }

    @Test
    void partialTicketsLiveMinus60To600Seconds() {
        String partial = at(T0).issuePartialTicket("john@pbs", "{}");
        assertEquals(Optional.empty(), at(T0.plusSeconds(601)).verifyPartialTicket(partial, "john@pbs"));
        assertEquals(Optional.empty(), at(T0.minusSeconds(61)).verifyPartialTicket(partial, "john@pbs"));
        assertEquals(Optional.of("{}"), at(T0.minusSeconds(60)).verifyPartialTicket(partial, "john@pbs"));
        String tampered = partial.replace("{}", "{\"totp\"%3Atrue}");
        assertEquals(Optional.empty(), at(T0).verifyPartialTicket(tampered, "john@pbs"));
    }
}
