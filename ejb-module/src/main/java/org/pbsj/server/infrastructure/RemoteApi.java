package org.pbsj.server.infrastructure;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.pbsj.core.json.Json;
import org.pbsj.protocol.PinnedTrust;
import org.pbsj.protocol.SessionAuth;
import org.pbsj.protocol.SessionEndpoint;

/**
 * The JSON API of a remote PBS server ({@code rest-api.md} §1) over java.net.http, with the
 * remote's certificate pinned by fingerprint. An auth id with {@code !} is an API token (the
 * password is its secret); otherwise the user logs in once ({@code POST /access/ticket}) and the
 * ticket is used for the API and for reader sessions.
 */
public final class RemoteApi {
    public static final int DEFAULT_PORT = 8007;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What is needed to reach a remote (from its configuration). */
    public record Target(String name, String host, int port, String authId, String password, String fingerprint) {
        @Override
        public String toString() {
            return "Remote[" + name + " " + authId + "@" + host + ":" + port + "]";
        }
    }

    /** An error answer of the remote, or a failure to reach it (status 0). */
    public static final class RemoteException extends RuntimeException {
        private final int status;

        public RemoteException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Target target;
    private final PinnedTrust trust;
    private final HttpClient http;
    private final URI base;
    private SessionAuth auth;

    public RemoteApi(Target target) {
        this.target = target;
        this.trust = PinnedTrust.of(target.fingerprint());
        this.http = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(trust)).connectTimeout(TIMEOUT).build();
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        this.base = URI.create("https://" + host + ":" + target.port() + "/api2/json/");
    }

    /** Where reader sessions of this remote connect, as this remote's user. */
    public SessionEndpoint sessionEndpoint() {
        return new SessionEndpoint(target.host(), target.port(), trust, auth());
    }

    /** {@code GET <path>?<query>}: the {@code data} of the answer. */
    public Object get(String path, Map<String, ?> query) {
        String q = query == null || query.isEmpty() ? "" : "?" + form(query);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path + q)).GET().timeout(TIMEOUT);
        auth().sessionHeaders().forEach(b::header);
        return data(send(b.build()));
    }

    /** {@code POST <path>} with form parameters: the {@code data} of the answer. */
    public Object post(String path, Map<String, ?> params) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(params == null ? "" : form(params)));
        auth().sessionHeaders().forEach(b::header);
        return data(send(b.build()));
    }

    /** {@code DELETE <path>?<query>}: the {@code data} of the answer. */
    public Object delete(String path, Map<String, ?> query) {
        String q = query == null || query.isEmpty() ? "" : "?" + form(query);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path + q)).DELETE().timeout(TIMEOUT);
        auth().sessionHeaders().forEach(b::header);
        return data(send(b.build()));
    }

    /** The remote user (owner of what this remote's backup sessions create). */
    public String authId() {
        return target.authId();
    }

    /** URI path segment encoding. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private synchronized SessionAuth auth() {
        if (auth == null) {
            auth = target.authId().contains("!") ? SessionAuth.apiToken(target.authId(), target.password()) : login();
        }
        return auth;
    }

    private SessionAuth login() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("username", target.authId());
        form.put("password", target.password());
        HttpRequest r = HttpRequest.newBuilder(base.resolve("access/ticket")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
        if (!(data(send(r)) instanceof Map<?, ?> m) || !(m.get("ticket") instanceof String ticket)
                || !(m.get("CSRFPreventionToken") instanceof String csrf)) {
            throw new RemoteException(0, "remote '" + target.name() + "': login answer without a ticket", null);
        }
        return SessionAuth.ticket(ticket, csrf);
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (resp.statusCode() / 100 != 2) {
                throw new RemoteException(resp.statusCode(), "remote '" + target.name() + "': " + resp.body().strip()
                        + " (HTTP " + resp.statusCode() + ")", null);
            }
            return resp;
        } catch (IOException e) {
            throw new RemoteException(0, "remote '" + target.name() + "' (" + target.host() + ":" + target.port()
                    + ") unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(0, "interrupted", e);
        }
    }

    private Object data(HttpResponse<String> r) {
        Object parsed;
        try {
            parsed = Json.parse(r.body(), "answer of remote " + target.name());
        } catch (RuntimeException e) {
            throw new RemoteException(r.statusCode(), "remote '" + target.name() + "': unparsable answer", e);
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new RemoteException(r.statusCode(), "remote '" + target.name() + "': answer is not an object", null);
        }
        return m.get("data");
    }

    private static String form(Map<String, ?> params) {
        return params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
