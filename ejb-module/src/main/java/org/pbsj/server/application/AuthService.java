package org.pbsj.server.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.pbsj.core.auth.UnixCrypt;
import org.pbsj.server.auth.KeyFiles;
import org.pbsj.server.auth.TfaChallenge;
import org.pbsj.server.auth.TfaUserData;
import org.pbsj.server.auth.Tickets;
import org.pbsj.server.domain.ApiToken;
import org.pbsj.server.domain.UserAccount;
import org.pbsj.server.infrastructure.ServerEnvironment;

/**
 * Logins, tickets, CSRF tokens and API tokens. Bean-managed concurrency: the keys are read-only
 * after start, and every method is safe to run in parallel.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuthService {
    /** The built-in superuser that has every privilege everywhere. */
    public static final String SUPERUSER = org.pbsj.server.auth.Identities.SUPERUSER;

    @Inject
    ServerEnvironment env;
    @Inject
    Clock clock;
    @PersistenceContext(unitName = "pbsj")
    EntityManager em;
    @Inject
    RealmAuthenticator authenticator;
    @Inject
    TfaService tfa;

    private final UnixCrypt crypt = new UnixCrypt();
    private Tickets tickets;

    /** The identity a request runs as: a user, or one of its API tokens. */
    public record Caller(String authId) {
        public String userid() {
            int bang = authId.lastIndexOf('!');
            return bang > authId.lastIndexOf('@') ? authId.substring(0, bang) : authId;
        }

        public boolean isToken() {
            return !userid().equals(authId);
        }
    }

    /** What a successful login returns (the JSON of {@code POST /access/ticket}). */
    public record Login(String username, String ticket, String csrfToken) {
    }

    @PostConstruct
    void init() {
        try {
            tickets = new Tickets(KeyFiles.loadOrCreateAuthKey(env.configDir()),
                    KeyFiles.loadOrCreateCsrfKey(env.configDir(), new SecureRandom()), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Password login, or ticket renewal when the "password" is a still-valid ticket. */
    public Login login(String username, String password) {
        return login(username, password, null);
    }

    /**
     * {@code POST /access/ticket} ({@code rest-api.md} §2.1, {@code access-control.md} §7):
     * with {@code tfaChallenge} (a partial ticket) the password is the second-factor answer
     * ({@code totp:<code>}, {@code recovery:<key>}); a password starting with {@code PBS:} renews
     * a still-valid ticket; otherwise the realm checks the password, and a user with second
     * factors gets a partial ticket (CSRF token {@code "invalid"}) instead of a full one.
     */
    public Login login(String username, String password, String tfaChallenge) {
        if (username == null || password == null || activeUser(username).isEmpty()) {
            throw ServiceException.unauthorized("permission check failed.");
        }
        if (tfaChallenge != null) {
            TfaChallenge challenge = tickets.verifyPartialTicket(tfaChallenge, username)
                    .flatMap(AuthService::parseChallenge)
                    .orElseThrow(() -> ServiceException.unauthorized("permission check failed."));
            if (tfa.verify(username, challenge, password) != TfaUserData.Outcome.OK) {
                throw ServiceException.unauthorized("permission check failed.");
            }
            return newLogin(username);
        }
        if (password.startsWith(Tickets.PREFIX + ":")) {
            Optional<String> renewed = tickets.verifyTicket(password);
            if (renewed.isPresent() && renewed.get().equals(username)) {
                return newLogin(username);
            }
        }
        if (!authenticator.authenticate(username, password)) {
            throw ServiceException.unauthorized("permission check failed.");
        }
        Optional<TfaChallenge> challenge = tfa.challenge(username);
        if (challenge.isPresent()) {
            return new Login(username, tickets.issuePartialTicket(username, challenge.get().toJson()), "invalid");
        }
        return newLogin(username);
    }

    private static Optional<TfaChallenge> parseChallenge(String json) {
        try {
            return Optional.of(TfaChallenge.parse(json));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Login newLogin(String userid) {
        return new Login(userid, tickets.issueTicket(userid), tickets.issueCsrfToken(userid));
    }

    /** Authenticates a ticket cookie; for non-GET requests the CSRF token must match too. */
    public Caller authenticateTicket(String ticket, boolean needsCsrf, String csrfToken) {
        String userid = tickets.verifyTicket(ticket)
                .orElseThrow(() -> ServiceException.unauthorized("authentication failed - invalid ticket"));
        if (needsCsrf && !tickets.verifyCsrfToken(csrfToken, userid)) {
            throw ServiceException.unauthorized("authentication failed - missing CSRF prevention token");
        }
        activeUser(userid).orElseThrow(
                () -> ServiceException.unauthorized("user account disabled or expired."));
        return new Caller(userid);
    }

    /** Authenticates {@code PBSAPIToken=<tokenid>:<secret>}. */
    public Caller authenticateToken(String tokenId, String secret) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        long now = clock.instant().getEpochSecond();
        if (token == null || !token.isActive(now) || !crypt.verify(secret, token.getSecretHash())
                || activeUser(token.userid()).isEmpty()) {
            throw ServiceException.unauthorized("authentication failed - invalid API token");
        }
        return new Caller(tokenId);
    }

    /** Creates or replaces an API token and returns its secret (shown once). */
    public String createToken(String tokenId, String comment) {
        String secret = java.util.UUID.randomUUID().toString();
        ApiToken existing = em.find(ApiToken.class, tokenId);
        if (existing != null) {
            existing.setSecretHash(crypt.hash(secret));
            existing.setComment(comment);
        } else {
            ApiToken token = new ApiToken(tokenId, crypt.hash(secret));
            token.setComment(comment);
            em.persist(token);
        }
        return secret;
    }

    /** PBS {@code is_active_auth_id}: the user exists and is active, and so does the token if it is one. */
    public boolean isActiveAuthId(String authId) {
        Caller c = new Caller(authId);
        if (activeUser(c.userid()).isEmpty()) {
            return false;
        }
        if (!c.isToken()) {
            return true;
        }
        ApiToken token = em.find(ApiToken.class, authId);
        return token != null && token.isActive(clock.instant().getEpochSecond());
    }

    public String hashPassword(String password) {
        return crypt.hash(password);
    }

    private Optional<UserAccount> activeUser(String userid) {
        if (SUPERUSER.equals(userid)) {
            // root@pam authenticates through PAM in PBS; this server has no PAM realm, so the
            // superuser exists only for its API tokens (the local pbs-manager uses one).
            return Optional.of(new UserAccount(SUPERUSER));
        }
        UserAccount user = em.find(UserAccount.class, userid);
        return Optional.ofNullable(user).filter(u -> u.isActive(clock.instant().getEpochSecond()));
    }
}
