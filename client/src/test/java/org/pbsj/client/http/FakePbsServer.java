package org.pbsj.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.pbsj.core.json.Json;

/**
 * A tiny stand-in for the server's {@code /api2/json} on an ephemeral HTTPS port: ping, login,
 * datastore config and version, with the real envelope and plain-text errors.
 */
public final class FakePbsServer implements AutoCloseable {
    public static final String USER = "admin@pbs";
    public static final String PASSWORD = "secret-pw";
    public static final String TICKET = "PBS:admin@pbs:6660A9F2::c2lnbmF0dXJl+/=";
    public static final String CSRF = "6660A9F2:Y3NyZg";
    public static final String TOKEN = "root@pam!pbs-manager:token-secret";

    /** One received request, for assertions. */
    public record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(0);
        }
    }

    private final HttpsServer server;
    public final List<Seen> requests = new CopyOnWriteArrayList<>();
    public final List<Object> datastores = new CopyOnWriteArrayList<>();

    public FakePbsServer(TestCertificates.Cert cert) throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        server.createContext("/api2/json/", this::handle);
        Map<String, Object> store1 = new LinkedHashMap<>();
        store1.put("name", "store1");
        store1.put("path", "/srv/store1");
        store1.put("comment", "first store");
        datastores.add(store1);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath().substring("/api2/json".length());
        Seen seen = new Seen(method, path, ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()), body);
        requests.add(seen);
        try {
            route(ex, method, path, seen);
        } catch (RuntimeException e) {
            send(ex, 500, e.toString());
        }
    }

    private void route(HttpExchange ex, String method, String path, Seen seen) throws IOException {
        switch (method + " " + path) {
            case "GET /ping":
                ok(ex, Map.of("pong", true), Map.of());
                return;
            case "POST /access/ticket": {
                Map<String, Object> p = Json.parseObject(seen.body(), "body");
                if (USER.equals(p.get("username")) && (PASSWORD.equals(p.get("password")) || TICKET.equals(p.get("password")))) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("username", USER);
                    d.put("ticket", TICKET);
                    d.put("CSRFPreventionToken", CSRF);
                    ok(ex, d, Map.of());
                } else {
                    send(ex, 401, "permission check failed.");
                }
                return;
            }
            default:
                break;
        }
        String auth = authenticated(seen);
        if (auth == null) {
            send(ex, 401, "authentication failed - no authentication credentials provided.");
            return;
        }
        if (auth.equals("ticket") && !method.equals("GET") && !CSRF.equals(seen.header("Csrfpreventiontoken"))) {
            send(ex, 401, "authentication failed - missing CSRF prevention token");
            return;
        }
        switch (method + " " + path) {
            case "GET /config/datastore":
                ok(ex, new ArrayList<>(datastores), Map.of("digest", "0123abcd"));
                return;
            case "GET /config/datastore/store1":
                ok(ex, datastores.get(0), Map.of());
                return;
            case "POST /config/datastore": {
                Map<String, Object> p = Json.parseObject(seen.body(), "body");
                if (datastores.stream().anyMatch(d -> ((Map<?, ?>) d).get("name").equals(p.get("name")))) {
                    send(ex, 400, "datastore '" + p.get("name") + "' already exists.");
                    return;
                }
                datastores.add(p);
                ok(ex, null, Map.of());
                return;
            }
            case "GET /access/acl":
                ok(ex, new ArrayList<>(acls), Map.of("digest", "feed"));
                return;
            case "PUT /access/acl": {
                Map<String, Object> p = Json.parseObject(seen.body(), "body");
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("path", p.get("path"));
                e.put("ugid", p.get("auth-id"));
                e.put("ugid_type", "user");
                e.put("propagate", p.getOrDefault("propagate", true));
                e.put("roleid", p.get("role"));
                acls.add(e);
                ok(ex, null, Map.of());
                return;
            }
            case "GET /version":
                ok(ex, Map.of("version", "3.2.4", "release", "1", "repoid", "pbsj-test"), Map.of());
                return;
            default:
                send(ex, 404, "Path '/api2/json" + path + "' not found.");
        }
    }

    private final List<Object> acls = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static String authenticated(Seen seen) {
        String cookie = seen.header("Cookie");
        if (cookie != null && cookie.equals("PBSAuthCookie="
                + java.net.URLEncoder.encode(TICKET, StandardCharsets.UTF_8))) {
            return "ticket";
        }
        String authz = seen.header("Authorization");
        if (authz != null && authz.equals("PBSAPIToken=" + TOKEN)) {
            return "token";
        }
        return null;
    }

    private static void ok(HttpExchange ex, Object data, Map<String, Object> attributes) throws IOException {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("data", data);
        env.putAll(attributes);
        ex.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        send(ex, 200, Json.compact(env));
    }

    private static void send(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        }
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}
