package org.pbsj.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.pbsj.core.json.Json;

/**
 * The server the build started for the system tests ({@code bin/pbs-server start} with
 * {@code PBSJ_HOME} under target/), and raw HTTPS access to it. The trust manager records the
 * certificate it is shown so tests can compare it with what the server reports.
 */
final class ItServer {
    static final Path HOME = Path.of(System.getProperty("pbsj.it.home", "target/it-home"));
    static final int PORT = Integer.getInteger("pbsj.it.port", 18007);
    static final URI BASE = URI.create("https://localhost:" + PORT + "/api2/json/");
    static final AtomicReference<X509Certificate> SEEN = new AtomicReference<>();
    static final HttpClient HTTP = client();

    record Reply(int status, String body) {
        Object data() {
            return ((Map<?, ?>) Json.parse(body)).get("data");
        }
    }

    private ItServer() {
    }

    private static HttpClient client() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    SEEN.set(chain[0]);
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String managerTokenHeader() throws IOException {
        return "PBSAPIToken=" + Files.readString(HOME.resolve("data/pbsj-etc/manager.token")).trim();
    }

    /** user and password the launcher printed at first start. */
    static String[] initialAdmin() throws IOException {
        String out = Files.readString(HOME.resolve("start.out"));
        Matcher m = Pattern.compile("user '([^']+)' has password '([^']+)'").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("launcher output has no initial password:\n" + out);
        }
        return new String[] {m.group(1), m.group(2)};
    }

    static Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(BASE.resolve(path)).GET();
    }

    static HttpRequest.Builder postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(BASE.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpRequest.Builder postJson(String path, String json) {
        return HttpRequest.newBuilder(BASE.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    static String fingerprint(X509Certificate cert) throws Exception {
        return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    /** Polls a task's status until it stopped; returns the status. */
    static Map<?, ?> waitForTask(String auth, String upid) throws Exception {
        for (int i = 0; i < 1200; i++) {
            Reply r = send(get("nodes/localhost/tasks/" + URLEncoder.encode(upid, StandardCharsets.UTF_8) + "/status")
                    .header("Authorization", auth));
            if (r.status() != 200) {
                throw new AssertionError(r.body());
            }
            Map<?, ?> s = (Map<?, ?>) r.data();
            if ("stopped".equals(s.get("status"))) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task did not finish: " + upid + "\n" + taskLog(auth, upid));
    }

    /** A task's whole log, one line per entry. */
    static String taskLog(String auth, String upid) throws Exception {
        Reply r = send(get("nodes/localhost/tasks/" + URLEncoder.encode(upid, StandardCharsets.UTF_8) + "/log?limit=0")
                .header("Authorization", auth));
        StringBuilder sb = new StringBuilder();
        for (Object line : (java.util.List<?>) r.data()) {
            sb.append(((Map<?, ?>) line).get("t")).append('\n');
        }
        return sb.toString();
    }
}
