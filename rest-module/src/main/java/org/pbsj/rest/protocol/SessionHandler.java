package org.pbsj.rest.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import org.pbsj.core.backup.BackupProtocolException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.store.StoreException;

/**
 * Common dispatch of the requests of one HTTP/2 protocol session: runs each request on a worker
 * thread (they do disk I/O), maps errors to PBS's plain-text answers, and keeps the session
 * usable after a failed request (§7: only that request fails).
 */
abstract class SessionHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());

    @Override
    public final void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        ProtocolExchange px = new ProtocolExchange(exchange);
        try {
            String route = px.method() + " " + px.path();
            if ("GET /".equals(route)) {
                px.json(subdirs());
            } else if (!route(route, px)) {
                px.error(404, "Path '" + px.path() + "' not found.");
            }
        } catch (BackupProtocolException e) {
            log(px, e.status(), e.getMessage());
            px.error(e.status(), e.getMessage());
        } catch (PbsFormatException | StoreException | IllegalArgumentException e) {
            log(px, 400, e.getMessage());
            px.error(400, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "I/O error in " + px.method() + " " + px.path(), e);
            if (!exchange.isResponseStarted()) {
                px.error(500, "I/O error: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "internal error in " + px.method() + " " + px.path(), e);
            if (!exchange.isResponseStarted()) {
                px.error(500, "internal error: " + e);
            }
        }
    }

    /** Handles {@code "<METHOD> <path>"}; false if there is no such endpoint. */
    abstract boolean route(String route, ProtocolExchange px) throws IOException;

    abstract List<Map<String, Object>> subdirs();

    static List<Map<String, Object>> subdirs(String... names) {
        return java.util.Arrays.stream(names).map(n -> Map.<String, Object>of("subdir", n)).toList();
    }

    /** Streams a file as {@code application/octet-stream}. */
    static void sendFile(ProtocolExchange px, Path file) throws IOException {
        HttpServerExchange ex = px.exchange;
        ex.setStatusCode(200);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, Files.size(file));
        try (OutputStream out = ex.getOutputStream()) {
            Files.copy(file, out);
        }
    }

    private static void log(ProtocolExchange px, int status, String message) {
        LOG.fine(() -> px.method() + " " + px.path() + ": " + status + ": " + message);
    }
}
