package org.pbsj.client.cli;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.pbsj.client.http.ApiException;
import org.pbsj.client.http.Auth;
import org.pbsj.client.http.CertificateFingerprint;
import org.pbsj.client.http.ClientDirs;
import org.pbsj.core.client.ClientException;
import org.pbsj.client.http.FingerprintCache;
import org.pbsj.client.http.FingerprintPrompt;
import org.pbsj.client.http.FingerprintTrustManager;
import org.pbsj.client.http.PbsHttpClient;
import org.pbsj.client.http.Repository;
import org.pbsj.client.http.SecretSource;
import org.pbsj.client.http.TicketCache;
import org.pbsj.protocol.SessionEndpoint;

/**
 * A connection to the server of a repository as {@code proxmox-backup-client} makes it: the
 * certificate checked against {@code PBS_FINGERPRINT} or the fingerprint cache (asking on a
 * terminal, remembering the answer), then authentication by API token, cached ticket or a login
 * with the password from {@code PBS_PASSWORD*} or the terminal.
 */
final class ClientSession {
    /** Tickets older than this are renewed (PBS renews in the background after an hour too). */
    static final long RENEW_AFTER = 3600;

    private final Repository repo;
    private final Map<String, String> env;
    private final ClientDirs dirs;
    private final Terminal terminal;
    private final Clock clock;
    private final TicketCache tickets;
    private PbsHttpClient client;
    private FingerprintTrustManager trustManager;

    ClientSession(Repository repo, Map<String, String> env, ClientDirs dirs, Terminal terminal, Clock clock) {
        this.repo = repo;
        this.env = env;
        this.dirs = dirs;
        this.terminal = terminal;
        this.clock = clock;
        this.tickets = new TicketCache(dirs.ticketFile(), clock);
    }

    Repository repository() {
        return repo;
    }

    TicketCache tickets() {
        return tickets;
    }

    /** The HTTP client with the certificate check in place, not yet authenticated. */
    PbsHttpClient http() {
        if (client == null) {
            FingerprintCache cache = new FingerprintCache(dirs.fingerprintFile());
            String expected = env.get("PBS_FINGERPRINT");
            if (expected != null && !CertificateFingerprint.isValid(expected)) {
                throw new ClientException("PBS_FINGERPRINT is not a certificate fingerprint (xx:xx:... 32 bytes)");
            }
            if (expected == null) {
                expected = cache.load(repo.host()).orElse(null);
            }
            FingerprintPrompt prompt = terminal.isInteractive() ? FingerprintPrompt.console() : null;
            FingerprintTrustManager tm = new FingerprintTrustManager(repo.host(), expected,
                    FingerprintTrustManager.systemDefault(), prompt, cache::store);
            trustManager = tm;
            client = new PbsHttpClient(repo.host(), repo.port(), tm.sslContext(), Auth.NONE);
        }
        return client;
    }

    /** Runs {@code call} authenticated; a cached ticket the server refuses is dropped and replaced by a login. */
    <T> T call(Function<PbsHttpClient, T> call) {
        PbsHttpClient c = http();
        boolean fromCache = authenticate(c);
        try {
            return call.apply(c);
        } catch (ApiException e) {
            if (!fromCache || !e.isUnauthorized()) {
                throw e;
            }
            tickets.remove(repo.host(), repo.user());
            login();
            return call.apply(c);
        }
    }

    /** Sets the client's credentials; true if they came from the ticket cache. */
    private boolean authenticate(PbsHttpClient c) {
        if (repo.isApiToken()) {
            c.setAuth(new Auth.ApiToken(repo.authId(), password()));
            return false;
        }
        Optional<TicketCache.Entry> cached = tickets.load(repo.host(), repo.user());
        if (cached.isEmpty()) {
            login();
            return false;
        }
        c.setAuth(cached.get().ticket());
        if (clock.instant().getEpochSecond() - cached.get().timestamp() > RENEW_AFTER) {
            try {
                tickets.store(repo.host(), c.login(repo.user(), cached.get().ticket().ticket()));
            } catch (ApiException e) {
                // not renewable any more: the call below gets the 401 and logs in
                c.setAuth(cached.get().ticket());
            }
        }
        return true;
    }

    /**
     * Where protocol sessions connect, with credentials the server has just accepted (a cached
     * ticket it refuses is replaced by a login first) and the same certificate check.
     */
    SessionEndpoint endpoint() {
        call(c -> c.get("/version"));
        return new SessionEndpoint(repo.host(), repo.port(), trustManager, http().auth());
    }

    /** A fresh login with a password; the ticket goes to the cache. */
    Auth.Ticket login() {
        Auth.Ticket t = http().login(repo.user(), password());
        tickets.store(repo.host(), t);
        return t;
    }

    /** {@code PBS_PASSWORD*}, else the terminal; for tokens this is the token secret. */
    private String password() {
        Optional<String> fromEnv = new SecretSource(env).get(SecretSource.PBS_PASSWORD);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        return terminal.password("Password for \"" + repo.authId() + "\": ",
                "no password given for " + repo.authId() + " (set PBS_PASSWORD or run on a terminal)");
    }
}
