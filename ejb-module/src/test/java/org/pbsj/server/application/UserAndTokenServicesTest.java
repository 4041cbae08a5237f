package org.pbsj.server.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.server.application.AccessFixture.ROOT;
import static org.pbsj.server.application.AccessFixture.as;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.auth.Role;
import org.pbsj.server.domain.TestDatabases;

/** Users, tokens, passwords and permission listing with PBS's rules, on H2 and PostgreSQL. */
class UserAndTokenServicesTest {
    @TempDir
    Path dir;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    static void assertStatus(int status, Executable call) {
        assertStatus(status, call, "");
    }

    static void assertStatus(int status, Executable call, String why) {
        ServiceException e = assertThrows(ServiceException.class, call, why);
        assertEquals(status, e.kind().httpStatus, why + ": " + e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void updateDeleteAndDigest(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            String digest = f.tx(f.users::digest);
            f.run(() -> f.users.update(ROOT, "john@pbs", new UserService.UserUpdate(" hello ", null, 42L, "John", null,
                    "j@example.com", null, null, digest)));
            UserService.UserInfo u = f.tx(() -> f.users.get(ROOT, "john@pbs"));
            assertEquals("hello", u.comment());
            assertEquals(42L, u.expire());
            assertEquals("John", u.firstname());
            assertNotEquals(digest, f.tx(f.users::digest));
            assertStatus(400, () -> f.run(() -> f.users.update(ROOT, "john@pbs",
                    new UserService.UserUpdate("x", null, null, null, null, null, null, null, digest))));
            f.run(() -> f.users.update(ROOT, "john@pbs", new UserService.UserUpdate(null, null, 0L, null, null, null,
                    null, List.of("comment", "email"), null)));
            u = f.tx(() -> f.users.get(ROOT, "john@pbs"));
            assertNull(u.comment());
            assertNull(u.email());
            assertEquals("John", u.firstname());
            assertStatus(400, () -> f.run(() -> f.users.update(ROOT, "john@pbs",
                    new UserService.UserUpdate(null, null, null, null, null, null, null, List.of("enable"), null))));
            assertStatus(400, () -> f.run(() -> f.users.get(ROOT, "bad user@pbs")));
            assertStatus(404, () -> f.run(() -> f.users.get(ROOT, "nobody@pbs")));
            assertStatus(400, () -> f.run(() -> f.users.create(ROOT,
                    new UserService.NewUser("x@nosuchrealm", null, null, null, null, null, null, null))));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void selfServiceButNotForOthersOrOwnTokens(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            f.user("jane@pbs", "secret-2");
            AuthService.Caller john = as("john@pbs");
            f.run(() -> f.users.update(john, "john@pbs", new UserService.UserUpdate("mine", null, null, null, null,
                    null, null, null, null)));
            assertStatus(403, () -> f.run(() -> f.users.get(john, "jane@pbs")));
            assertStatus(403, () -> f.run(() -> f.users.delete(john, "jane@pbs", null)));
            assertStatus(403, () -> f.run(() -> f.users.get(as("john@pbs!tok"), "john@pbs")),
                    "a token is not its user (UserParam compares auth ids)");
            assertEquals(List.of("john@pbs"), f.tx(() -> f.users.list(john)).stream().map(UserService.UserInfo::userid).toList());
            f.grant("/access/users", "jane@pbs", Role.AUDIT);
            assertEquals(2, f.tx(() -> f.users.list(as("jane@pbs"))).size());
            assertStatus(403, () -> f.run(() -> f.users.update(as("jane@pbs"), "john@pbs",
                    new UserService.UserUpdate("x", null, null, null, null, null, null, null, null))),
                    "Sys.Audit reads, Permissions.Modify writes");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tokenLifecycleAndInactiveIdentities(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            AuthService.Caller john = as("john@pbs");
            TokenService.Secret s = f.tx(() -> f.tokens.generate(john, "john@pbs", "backup", "for PVE", null, null, null));
            assertEquals("john@pbs!backup", s.tokenid());
            assertTrue(s.value().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), s.value());
            assertEquals("john@pbs!backup", f.tx(() -> f.auth.authenticateToken(s.tokenid(), s.value())).authId());
            assertStatus(401, () -> f.run(() -> f.auth.authenticateToken(s.tokenid(), "wrong")));
            assertStatus(400, () -> f.run(() -> f.tokens.generate(john, "john@pbs", "backup", null, null, null, null)));
            assertStatus(400, () -> f.run(() -> f.tokens.generate(john, "john@pbs", "b d", null, null, null, null)));
            assertStatus(403, () -> f.run(() -> f.tokens.generate(as("john@pbs!backup"), "john@pbs", "t2", null, null, null, null)));
            assertStatus(403, () -> f.run(() -> f.tokens.list(as("jane@pbs"), "john@pbs")));

            f.run(() -> f.tokens.update(john, "john@pbs", "backup", null, false, null, null));
            assertStatus(401, () -> f.run(() -> f.auth.authenticateToken(s.tokenid(), s.value())));
            f.run(() -> f.tokens.update(john, "john@pbs", "backup", "", true, f.clock.now.getEpochSecond() + 10, null));
            TokenService.TokenInfo info = f.tx(() -> f.tokens.get(john, "john@pbs", "backup"));
            assertNull(info.comment());
            assertEquals("backup", info.tokenName());
            f.run(() -> f.auth.authenticateToken(s.tokenid(), s.value()));
            f.clock.now = f.clock.now.plusSeconds(10);
            assertStatus(401, () -> f.run(() -> f.auth.authenticateToken(s.tokenid(), s.value())), "expired token");
            f.run(() -> f.tokens.update(john, "john@pbs", "backup", null, null, 0L, null));

            f.run(() -> f.users.update(ROOT, "john@pbs", new UserService.UserUpdate(null, false, null, null, null,
                    null, null, null, null)));
            assertStatus(401, () -> f.run(() -> f.auth.authenticateToken(s.tokenid(), s.value())), "user disabled");
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "secret-1")));
            f.run(() -> f.users.update(ROOT, "john@pbs", new UserService.UserUpdate(null, true, null, null, null,
                    null, null, null, null)));
            f.run(() -> f.auth.authenticateToken(s.tokenid(), s.value()));

            assertEquals(List.of("john@pbs!backup"), f.tx(() -> f.tokens.list(john, "john@pbs")).stream()
                    .map(TokenService.TokenInfo::tokenid).toList());
            List<UserService.UserWithTokens> withTokens = f.tx(() -> f.users.list(ROOT, true));
            assertEquals(1, withTokens.get(0).tokens().size());
            assertNull(f.tx(() -> f.users.list(ROOT, false)).get(0).tokens());
            f.run(() -> f.tokens.delete(john, "john@pbs", "backup", null));
            assertStatus(401, () -> f.run(() -> f.auth.authenticateToken(s.tokenid(), s.value())));
            assertStatus(404, () -> f.run(() -> f.tokens.delete(john, "john@pbs", "backup", null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingAUserRemovesItsTokensAndAcls(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            f.user("john_x@pbs", "secret-1");
            TokenService.Secret s = f.tx(() -> f.tokens.generate(ROOT, "john@pbs", "backup", null, null, null, null));
            f.tx(() -> f.tokens.generate(ROOT, "john_x@pbs", "backup", null, null, null, null));
            f.grant("/datastore", "john@pbs", Role.DATASTORE_ADMIN);
            f.grant("/datastore", "john@pbs!backup", Role.DATASTORE_BACKUP_ROLE);
            f.run(() -> f.users.delete(ROOT, "john@pbs", null));
            assertStatus(401, () -> f.run(() -> f.auth.authenticateToken(s.tokenid(), s.value())));
            assertEquals(0L, f.tx(() -> f.em.createQuery("select count(a) from AclEntry a", Long.class).getSingleResult()));
            assertEquals(1, f.tx(() -> f.tokens.list(ROOT, "john_x@pbs")).size(), "'_' is not a LIKE wildcard here");
            f.user("john@pbs", "secret-1");
            assertEquals(List.of(), f.tx(() -> f.tokens.list(ROOT, "john@pbs")), "a re-created user starts clean");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void passwordChangeRules(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            f.user("jane@pbs", "secret-2");
            f.user("boss@pbs", "secret-3");
            f.user("local@pam", null);
            f.grant("/", "boss@pbs", Role.ADMIN);
            AuthService.Caller john = as("john@pbs");
            f.run(() -> f.users.changePassword(john, "john@pbs", "new-secret", null));
            f.run(() -> f.auth.login("john@pbs", "new-secret"));
            assertStatus(401, () -> f.run(() -> f.auth.login("john@pbs", "secret-1")));
            assertStatus(401, () -> f.run(() -> f.users.changePassword(john, "john@pbs", "other-pw", "wrong")));
            f.run(() -> f.users.changePassword(john, "john@pbs", "other-pw", "new-secret"));
            assertStatus(400, () -> f.run(() -> f.users.changePassword(john, "jane@pbs", "hacked", null)));
            assertStatus(400, () -> f.run(() -> f.users.changePassword(as("john@pbs!tok"), "john@pbs", "x-x-x-x", null)));
            assertStatus(400, () -> f.run(() -> f.users.changePassword(john, "john@pbs", "abcd", null)), "5..64 chars");
            f.run(() -> f.users.changePassword(as("boss@pbs"), "jane@pbs", "by-the-boss", null));
            f.run(() -> f.auth.login("jane@pbs", "by-the-boss"));
            assertStatus(400, () -> f.run(() -> f.users.changePassword(as("boss@pbs"), "local@pam", "x-x-x-x", null)),
                    "pam users only by root@pam");
            assertStatus(400, () -> f.run(() -> f.users.changePassword(ROOT, "local@pam", "x-x-x-x", null)),
                    "and this server keeps no PAM passwords");
            f.run(() -> f.users.update(john, "john@pbs", new UserService.UserUpdate(null, null, null, null, null, null,
                    "via-update", null, null)));
            f.run(() -> f.auth.login("john@pbs", "via-update"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void permissionsListing(String db) {
        try (AccessFixture f = new AccessFixture(db, dir)) {
            f.user("john@pbs", "secret-1");
            f.user("jane@pbs", "secret-2");
            f.grant("/datastore/store1", "john@pbs", Role.DATASTORE_READER);
            f.grant("/datastore/store1/ns", "john@pbs!tok", Role.DATASTORE_ADMIN);
            AuthService.Caller john = as("john@pbs");
            Map<String, Map<String, Boolean>> mine = f.tx(() -> f.listing.list(john, null, null));
            assertEquals(Map.of("/datastore/store1", Map.of("Datastore.Audit", true, "Datastore.Read", true,
                    "Datastore.Verify", true), "/datastore/store1/ns", Map.of("Datastore.Audit", true,
                    "Datastore.Read", true, "Datastore.Verify", true)), mine);
            Map<String, Map<String, Boolean>> token = f.tx(() -> f.listing.list(john, "john@pbs!tok", "/datastore/store1/ns"));
            assertEquals(Map.of("/datastore/store1/ns", Map.of("Datastore.Audit", true, "Datastore.Read", true,
                    "Datastore.Verify", true)), token, "token privileges are cut to its user's");
            assertStatus(403, () -> f.run(() -> f.listing.list(john, "jane@pbs", null)));
            assertStatus(403, () -> f.run(() -> f.listing.list(as("john@pbs!tok"), "john@pbs!other", null)));
            assertStatus(400, () -> f.run(() -> f.listing.list(john, null, "no/leading/slash")));
            assertEquals(Map.of(), f.tx(() -> f.listing.list(as("jane@pbs"), null, null)), "no privileges, no paths");
            f.grant("/access", "jane@pbs", Role.AUDIT);
            assertEquals(mine, f.tx(() -> f.listing.list(as("jane@pbs"), "john@pbs", null)));
            Map<String, Map<String, Boolean>> root = f.tx(() -> f.listing.list(ROOT, null, null));
            assertTrue(root.keySet().containsAll(List.of("/", "/access", "/datastore", "/remote", "/system",
                    "/datastore/store1", "/datastore/store1/ns")), root.keySet().toString());
            assertEquals(Privilege.values().length, root.get("/").size(), "root has every privilege (23 with PBS 3.3's Remote.Datastore*)");
            assertFalse(root.get("/").containsValue(false));
        }
    }
}
