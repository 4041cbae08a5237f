package org.pbsj.server.application;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.pbsj.server.auth.Role;
import org.pbsj.server.domain.TestDatabases;
import org.pbsj.server.infrastructure.ServerEnvironment;

/**
 * The access-control services wired by hand over the test persistence unit (H2 or PostgreSQL),
 * each call in a transaction of its own, with a clock the test moves.
 */
final class AccessFixture implements AutoCloseable {
    static final AuthService.Caller ROOT = new AuthService.Caller("root@pam");

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2024-06-05T18:09:54Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final EntityManagerFactory emf;
    final EntityManager em;
    final TestClock clock = new TestClock();
    final PermissionService permissions = new PermissionService();
    final RealmService realms = new RealmService();
    final RealmAuthenticator authenticator = new RealmAuthenticator();
    final TfaService tfa = new TfaService();
    final AuthService auth = new AuthService();
    final UserService users = new UserService();
    final TokenService tokens = new TokenService();
    final PermissionListing listing = new PermissionListing();

    AccessFixture(String db, Path dataDir) {
        emf = TestDatabases.open(db);
        em = emf.createEntityManager();
        permissions.em = em;
        realms.em = em;
        realms.permissions = permissions;
        authenticator.em = em;
        authenticator.realms = realms;
        tfa.em = em;
        tfa.permissions = permissions;
        tfa.authenticator = authenticator;
        tfa.clock = clock;
        String old = System.getProperty("pbsj.data.dir");
        System.setProperty("pbsj.data.dir", dataDir.toString());
        try {
            auth.env = new ServerEnvironment();
        } finally {
            if (old == null) {
                System.clearProperty("pbsj.data.dir");
            } else {
                System.setProperty("pbsj.data.dir", old);
            }
        }
        auth.clock = clock;
        auth.em = em;
        auth.authenticator = authenticator;
        auth.tfa = tfa;
        auth.init();
        users.em = em;
        users.auth = auth;
        users.permissions = permissions;
        users.realms = realms;
        users.authenticator = authenticator;
        users.tfa = tfa;
        tokens.em = em;
        tokens.permissions = permissions;
        listing.em = em;
        listing.permissions = permissions;
    }

    /** Runs {@code work} in a transaction; rolls back if it throws. */
    <T> T tx(Supplier<T> work) {
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
        }
    }

    void run(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    void user(String userid, String password) {
        run(() -> users.createUnchecked(new UserService.NewUser(userid, password, null, null, null, null, null, null)));
    }

    void grant(String path, String authId, Role role) {
        run(() -> permissions.grant(path, authId, role, true));
    }

    static AuthService.Caller as(String authId) {
        return new AuthService.Caller(authId);
    }

    @Override
    public void close() {
        em.close();
        emf.close();
    }
}
