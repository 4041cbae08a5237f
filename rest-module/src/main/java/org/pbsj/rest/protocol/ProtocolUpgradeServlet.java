package org.pbsj.rest.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.handlers.ServletRequestContext;

import org.pbsj.core.backup.BackupSession;
import org.pbsj.core.backup.ReaderSession;
import org.pbsj.rest.CredentialsBridge;
import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.ProtocolSessionService;
import org.pbsj.server.application.ServiceException;

/**
 * {@code GET /api2/json/backup} and {@code /api2/json/reader}: authenticates, opens the session
 * with all its checks and locks, and only then answers {@code 101} and hands the connection to
 * {@link Http2Session} ({@code backup-protocol.md} §2, §9). Any error before that is a normal
 * HTTP answer.
 */
@WebServlet(urlPatterns = {"/json/backup", "/json/reader"})
public class ProtocolUpgradeServlet extends HttpServlet {
    static final String BACKUP_PROTOCOL = "proxmox-backup-protocol-v1";
    static final String READER_PROTOCOL = "proxmox-backup-reader-protocol-v1";
    private static final Set<String> PARAMS = Set.of("store", "ns", "backup-type", "backup-id", "backup-time",
            "debug", "benchmark", "_dc");
    /** How long a session may wait for its 101 to reach the client before it is given up. */
    private static final long UPGRADE_GRACE_SECONDS = 30;

    @Inject
    AuthService auth;
    @Inject
    ProtocolSessionService sessions;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean backup = req.getServletPath().endsWith("/backup");
        String protocol = backup ? BACKUP_PROTOCOL : READER_PROTOCOL;
        try {
            AuthService.Caller caller = CredentialsBridge.authenticate(auth, req.getMethod(), ticketCookie(req),
                    req.getHeader("CSRFPreventionToken"), req.getHeader("Authorization"));
            for (String p : req.getParameterMap().keySet()) {
                if (!PARAMS.contains(p)) {
                    throw ServiceException.badRequest("parameter verification errors\n\n" + p + ": schema does not allow additional properties.");
                }
            }
            String upgrade = req.getHeader("Upgrade");
            if (upgrade == null) {
                throw ServiceException.badRequest("missing Upgrade header");
            }
            if (!protocol.equals(upgrade)) {
                throw ServiceException.badRequest("invalid protocol name");
            }
            if (!req.getProtocol().startsWith("HTTP/1")) {
                throw ServiceException.badRequest("unexpected http version '" + req.getProtocol() + "' (expected version < 2)");
            }
            ProtocolSessionService.SnapshotRequest snapshot = new ProtocolSessionService.SnapshotRequest(
                    req.getParameter("store"), req.getParameter("ns"), req.getParameter("backup-type"),
                    req.getParameter("backup-id"), parseTime(req.getParameter("backup-time")));
            AutoCloseable session;
            HttpHandler handler;
            if (backup) {
                BackupSession s = sessions.startBackup(caller, snapshot, parseBool(req.getParameter("benchmark")));
                session = s;
                handler = new BackupSessionHandler(s);
            } else {
                ReaderSession s = sessions.startReader(caller, snapshot);
                session = s;
                handler = new ReaderSessionHandler(s);
            }
            upgrade(protocol, session, handler);
        } catch (ServiceException e) {
            CredentialsBridge.delayFailure(e);
            resp.setStatus(e.kind().httpStatus);
            resp.setContentType("application/json;charset=UTF-8");
            resp.getOutputStream().write(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void upgrade(String protocol, AutoCloseable session, HttpHandler handler) {
        HttpServerExchange exchange = ServletRequestContext.requireCurrent().getOriginalRequest().getExchange();
        AtomicBoolean upgraded = new AtomicBoolean();
        try {
            exchange.upgradeChannel(protocol, (connection, ex) -> {
                upgraded.set(true);
                var channel = Http2Session.serve(connection, ex, protocol, handler, () -> sessions.end(session));
                sessions.onAbort(session, () -> org.xnio.IoUtils.safeClose(channel));
            });
            // If the 101 never gets through (client gone), the listener is not called: release.
            exchange.addExchangeCompleteListener((ex, next) -> {
                ex.getIoThread().executeAfter(() -> {
                    if (!upgraded.get()) {
                        sessions.end(session);
                    }
                }, UPGRADE_GRACE_SECONDS, TimeUnit.SECONDS);
                next.proceed();
            });
        } catch (RuntimeException e) {
            sessions.end(session);
            throw e;
        }
    }

    private static String ticketCookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if ("PBSAuthCookie".equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static long parseTime(String v) {
        if (v == null) {
            throw ServiceException.badRequest("parameter verification errors\n\nbackup-time: parameter is missing and it is not optional.");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("parameter verification errors\n\nbackup-time: value '" + v + "' is not an integer");
        }
    }

    private static boolean parseBool(String v) {
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "on", "yes", "true" -> true;
            case "0", "off", "no", "false" -> false;
            default -> throw ServiceException.badRequest("parameter verification errors\n\nbenchmark: value '" + v + "' is not a boolean");
        };
    }
}
