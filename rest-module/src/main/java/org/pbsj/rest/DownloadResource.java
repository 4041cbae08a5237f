package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.server.application.SnapshotBrowseService;
import org.pbsj.server.application.SnapshotDownloadService;

/**
 * Download handlers of {@code /admin/datastore/{store}}: parameters from the query only, the
 * answer is the raw bytes ({@code application/octet-stream}), not a JSON envelope.
 */
@Path("/")
@RequestScoped
public class DownloadResource {
    private static final Logger LOG = Logger.getLogger(DownloadResource.class.getName());
    private static final String BASE = "admin/datastore/{store}/";
    private static final String[] PARAMS = {"ns", "backup-type", "backup-id", "backup-time", "file-name"};

    @Inject
    SnapshotDownloadService downloads;
    @Inject
    SnapshotBrowseService browse;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path(BASE + "download")
    public Response download(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow(PARAMS);
        return stream(downloads.raw(AuthFilter.caller(request), SnapshotJson.selector(store, p), p.string("file-name")));
    }

    @GET
    @Path(BASE + "download-decoded")
    public Response downloadDecoded(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow(PARAMS);
        return stream(downloads.decoded(AuthFilter.caller(request), SnapshotJson.selector(store, p), p.string("file-name")));
    }

    @GET
    @Path(BASE + "catalog")
    public Response catalog(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null)
                .allow("ns", "backup-type", "backup-id", "backup-time", "filepath");
        return Envelope.ok(browse.catalog(AuthFilter.caller(request), SnapshotJson.selector(store, p), p.string("filepath"))
                .stream().map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("filepath", e.filepath());
                    m.put("text", e.text());
                    m.put("type", e.type());
                    m.put("leaf", e.leaf());
                    m.put("size", e.size());
                    m.put("mtime", e.mtime());
                    return (Object) m;
                }).toList());
    }

    @GET
    @Path(BASE + "pxar-file-download")
    public Response pxarFileDownload(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null)
                .allow("ns", "backup-type", "backup-id", "backup-time", "filepath", "tar");
        Boolean tar = p.bool("tar");
        return stream(browse.pxarFile(AuthFilter.caller(request), SnapshotJson.selector(store, p), p.string("filepath"),
                tar != null && tar));
    }

    /** Streams after the checks passed; an error in the middle can only cut the body short, as in PBS. */
    static Response stream(SnapshotDownloadService.Download d) {
        StreamingOutput out = os -> {
            try {
                d.body().writeTo(os);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "error during streaming of '" + d.fileName() + "'", e);
                throw e;
            }
        };
        Response.ResponseBuilder b = Response.ok(out, MediaType.APPLICATION_OCTET_STREAM_TYPE);
        if (d.length() >= 0) {
            b.header(HttpHeaders.CONTENT_LENGTH, d.length());
        }
        return b.build();
    }
}
