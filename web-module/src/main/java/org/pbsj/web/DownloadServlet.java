package org.pbsj.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.SnapshotBrowseService;
import org.pbsj.server.application.SnapshotDownloadService;
import org.pbsj.server.application.SnapshotSelector;

/**
 * Downloads for the browser session (the REST download needs a ticket cookie plus CSRF header,
 * which a link cannot send): {@code file=} a snapshot file, decoded as PBS's GUI does, or
 * {@code filepath=} a file (or a directory as ZIP) inside a pxar archive. The same services and
 * privilege checks as {@code /api2/json/admin/datastore/{store}/download-decoded} and
 * {@code pxar-file-download}; the caller comes from the session (the login filter ran first).
 */
@WebServlet("/download")
public class DownloadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DownloadServlet.class.getName());

    @Inject
    UserSession session;
    @Inject
    SnapshotDownloadService downloads;
    @Inject
    SnapshotBrowseService browse;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        SnapshotDownloadService.Download d;
        try {
            SnapshotSelector sel = new SnapshotSelector(req.getParameter("store"), req.getParameter("ns"),
                    req.getParameter("type"), req.getParameter("id"), time(req.getParameter("time")));
            String filepath = req.getParameter("filepath");
            d = filepath != null ? browse.pxarFile(session.caller(), sel, filepath, false)
                    : downloads.decoded(session.caller(), sel, req.getParameter("file"));
        } catch (ServiceException e) {
            res.sendError(e.kind().httpStatus, e.getMessage());
            return;
        }
        res.setContentType("application/octet-stream");
        if (d.length() >= 0) {
            res.setContentLengthLong(d.length());
        }
        res.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(fileName(d.fileName()), StandardCharsets.UTF_8).replace("+", "%20"));
        try {
            d.body().writeTo(res.getOutputStream());
        } catch (IOException | RuntimeException e) {
            // headers are gone: the body can only end short, as with the REST download
            LOG.log(Level.WARNING, "error during download of '" + d.fileName() + "'", e);
            throw e;
        }
    }

    /** The name the browser saves: decoded content without its {@code .blob}/{@code .didx}/{@code .fidx} suffix. */
    static String fileName(String name) {
        for (String suffix : new String[] {".blob", ".didx", ".fidx"}) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Long time(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("parameter verification errors\n\nbackup-time: not a number");
        }
    }
}
