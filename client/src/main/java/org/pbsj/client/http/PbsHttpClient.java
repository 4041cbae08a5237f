package org.pbsj.client.http;

import org.pbsj.core.client.ClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import javax.net.ssl.SSLContext;

import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.json.Json;

/**
 * Client of the PBS JSON API ({@code https://host:port/api2/json}, {@code rest-api.md} §1–2):
 * parameters as query (GET, DELETE) or JSON body (POST, PUT), the {@code {"data": ...}} envelope
 * decoded, error answers turned into {@link ApiException} with the server's message.
 *
 * <p>Built on {@link HttpClient}, which negotiates HTTP/2 by ALPN where the server offers it; it
 * gives no access to socket options, so TCP_NODELAY stays at the JDK's choice here.
 */
public final class PbsHttpClient {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String JSON_TYPE = "application/json";

    private final URI base;
    private final HttpClient http;
    private volatile Auth auth;

    /**
     * @param host host name, IPv4 address or bracketed IPv6 address
     * @param ssl  a context whose trust manager checks the server (normally a
     *             {@link FingerprintTrustManager})
     */
    public PbsHttpClient(String host, int port, SSLContext ssl, Auth auth) {
        this.base = URI.create("https://" + host + ":" + port + "/api2/json");
        this.http = HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.auth = Objects.requireNonNull(auth);
    }

    public URI baseUri() {
        return base;
    }

    public Auth auth() {
        return auth;
    }

    public void setAuth(Auth auth) {
        this.auth = Objects.requireNonNull(auth);
    }

    /** Percent-encodes one path segment, e.g. a datastore or user name. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code POST /access/ticket} and, on success, use of the ticket for later calls. A password
     * starting with {@code PBS:} is a ticket to renew ({@code rest-api.md} §2.1).
     */
    public Auth.Ticket login(String username, String password) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("username", username);
        params.put("password", password);
        Object data = send("POST", "/access/ticket", params, Auth.NONE).data();
        if (!(data instanceof Map<?, ?> m) || !(m.get("ticket") instanceof String ticket)
                || !(m.get("CSRFPreventionToken") instanceof String csrf)) {
            throw new ClientException("unexpected login answer from " + base + ": " + Json.compact(data));
        }
        String user = m.get("username") instanceof String u ? u : username;
        Auth.Ticket t = new Auth.Ticket(user, ticket, csrf);
        this.auth = t;
        return t;
    }

    public Object get(String path) {
        return request("GET", path, Map.of()).data();
    }

    public Object get(String path, Map<String, ?> params) {
        return request("GET", path, params).data();
    }

    public Object post(String path, Map<String, ?> params) {
        return request("POST", path, params).data();
    }

    public Object put(String path, Map<String, ?> params) {
        return request("PUT", path, params).data();
    }

    public Object delete(String path, Map<String, ?> params) {
        return request("DELETE", path, params).data();
    }

    /** Any method, with the result attributes; null parameter values are left out. */
    public ApiResponse request(String method, String path, Map<String, ?> params) {
        return send(method, path, params, auth);
    }

    private ApiResponse send(String method, String path, Map<String, ?> params, Auth how) {
        boolean bodyless = method.equals("GET") || method.equals("DELETE");
        String query = bodyless ? formEncode(params) : "";
        URI uri = URI.create(base + (path.startsWith("/") ? path : "/" + path) + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).header("Accept", JSON_TYPE);
        if (bodyless) {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            rb.header("Content-Type", JSON_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.compact(withoutNulls(params)),
                            StandardCharsets.UTF_8));
        }
        authenticate(rb, how, method);
        HttpResponse<String> resp = execute(rb.build());
        return decode(method, path, resp);
    }

    private static void authenticate(HttpRequest.Builder rb, Auth how, String method) {
        if (how instanceof Auth.Ticket t) {
            rb.header("Cookie", t.cookie());
            if (!method.equals("GET")) {
                rb.header("CSRFPreventionToken", t.csrfToken());
            }
        } else if (how instanceof Auth.ApiToken t) {
            rb.header("Authorization", t.header());
        }
    }

    private HttpResponse<String> execute(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ClientException("connection to " + hostPort() + " timed out", e);
        } catch (ConnectException e) {
            throw new ClientException("cannot connect to " + hostPort() + ": "
                    + (e.getMessage() != null ? e.getMessage() : "connection refused"), e);
        } catch (IOException e) {
            // a rejected certificate arrives as SSLHandshakeException with our message as a cause
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof FingerprintTrustManager.NotConfirmedException) {
                    throw new ClientException(c.getMessage(), e);
                }
            }
            throw new ClientException("request to " + hostPort() + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted", e);
        }
    }

    private ApiResponse decode(String method, String path, HttpResponse<String> resp) {
        int status = resp.statusCode();
        String body = resp.body() == null ? "" : resp.body();
        if (status < 200 || status > 299) {
            throw new ApiException(status, body.strip());
        }
        if (body.isBlank()) {
            return new ApiResponse(null, Map.of());
        }
        Map<String, Object> envelope;
        try {
            envelope = Json.parseObject(body, method + " " + path);
        } catch (PbsFormatException e) {
            throw new ClientException("invalid JSON answer to " + method + " " + path + ": " + e.getMessage(), e);
        }
        Map<String, Object> attributes = new LinkedHashMap<>(envelope);
        Object data = attributes.remove("data");
        return new ApiResponse(data, attributes);
    }

    private String hostPort() {
        return base.getHost() + ":" + base.getPort();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null ? root.getClass().getSimpleName() : msg;
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@code application/x-www-form-urlencoded}; arrays become repeated keys ({@code rest-api.md} §1.2). */
    static String formEncode(Map<String, ?> params) {
        StringJoiner sj = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v instanceof Iterable<?> list) {
                list.forEach(item -> sj.add(enc(k) + "=" + enc(String.valueOf(item))));
            } else if (v != null) {
                sj.add(enc(k) + "=" + enc(String.valueOf(v)));
            }
        });
        return sj.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
