package org.pbsj.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.SnapshotAdminService;
import org.pbsj.server.application.SnapshotListService;

/**
 * {@code /admin/datastore/{store}/…}: groups, snapshots, files, notes, protection, owner and the
 * client log ({@code rest-api.md} §4.3). Translation only; the rules are in the services.
 */
@Path("/")
@RequestScoped
public class SnapshotResource {
    private static final String BASE = "admin/datastore/{store}/";
    private static final String[] GROUP = {"ns", "backup-type", "backup-id"};
    private static final String[] DIR = {"ns", "backup-type", "backup-id", "backup-time"};

    @Inject
    SnapshotListService lists;
    @Inject
    SnapshotAdminService admin;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path(BASE + "groups")
    public Response groups(@PathParam("store") String store) {
        Params p = query().allow("ns");
        return Envelope.ok(lists.listGroups(AuthFilter.caller(request), SnapshotJson.selector(store, p)).stream()
                .map(g -> (Object) SnapshotJson.groupItem(g)).toList());
    }

    @DELETE
    @Path(BASE + "groups")
    public Response deleteGroup(@PathParam("store") String store) {
        Params p = query().allow(GROUP);
        admin.deleteGroup(AuthFilter.caller(request), SnapshotJson.selector(store, p));
        return Envelope.ok(null);
    }

    @GET
    @Path(BASE + "snapshots")
    public Response snapshots(@PathParam("store") String store) {
        Params p = query().allow(GROUP);
        return Envelope.ok(lists.listSnapshots(AuthFilter.caller(request), SnapshotJson.selector(store, p)).stream()
                .map(s -> (Object) SnapshotJson.snapshotItem(s)).toList());
    }

    @DELETE
    @Path(BASE + "snapshots")
    public Response deleteSnapshot(@PathParam("store") String store) {
        Params p = query().allow(DIR);
        admin.deleteSnapshot(AuthFilter.caller(request), SnapshotJson.selector(store, p));
        return Envelope.ok(null);
    }

    @GET
    @Path(BASE + "files")
    public Response files(@PathParam("store") String store) {
        Params p = query().allow(DIR);
        return Envelope.ok(SnapshotJson.contents(lists.listFiles(AuthFilter.caller(request), SnapshotJson.selector(store, p))));
    }

    @GET
    @Path(BASE + "notes")
    public Response notes(@PathParam("store") String store) {
        Params p = query().allow(DIR);
        return Envelope.ok(admin.notes(AuthFilter.caller(request), SnapshotJson.selector(store, p)));
    }

    @PUT
    @Path(BASE + "notes")
    @Consumes(MediaType.WILDCARD)
    public Response setNotes(@PathParam("store") String store, String body) {
        Params p = body(body).allow(with(DIR, "notes"));
        admin.setNotes(AuthFilter.caller(request), SnapshotJson.selector(store, p), p.required("notes"));
        return Envelope.ok(null);
    }

    @GET
    @Path(BASE + "group-notes")
    public Response groupNotes(@PathParam("store") String store) {
        Params p = query().allow(GROUP);
        return Envelope.ok(admin.groupNotes(AuthFilter.caller(request), SnapshotJson.selector(store, p)));
    }

    @PUT
    @Path(BASE + "group-notes")
    @Consumes(MediaType.WILDCARD)
    public Response setGroupNotes(@PathParam("store") String store, String body) {
        Params p = body(body).allow(with(GROUP, "notes"));
        admin.setGroupNotes(AuthFilter.caller(request), SnapshotJson.selector(store, p), p.required("notes"));
        return Envelope.ok(null);
    }

    @GET
    @Path(BASE + "protected")
    public Response isProtected(@PathParam("store") String store) {
        Params p = query().allow(DIR);
        return Envelope.ok(admin.isProtected(AuthFilter.caller(request), SnapshotJson.selector(store, p)));
    }

    @PUT
    @Path(BASE + "protected")
    @Consumes(MediaType.WILDCARD)
    public Response setProtected(@PathParam("store") String store, String body) {
        Params p = body(body).allow(with(DIR, "protected"));
        Boolean protect = p.bool("protected");
        if (protect == null) {
            p.required("protected");
        }
        admin.setProtected(AuthFilter.caller(request), SnapshotJson.selector(store, p), protect);
        return Envelope.ok(null);
    }

    @POST
    @Path(BASE + "change-owner")
    @Consumes(MediaType.WILDCARD)
    public Response changeOwner(@PathParam("store") String store, String body) {
        Params p = body(body).allow(with(GROUP, "new-owner"));
        admin.changeOwner(AuthFilter.caller(request), SnapshotJson.selector(store, p), p.string("new-owner"));
        return Envelope.ok(null);
    }

    /** An upload handler: parameters from the query only, the body is the DataBlob. */
    @POST
    @Path(BASE + "upload-backup-log")
    @Consumes(MediaType.WILDCARD)
    public Response uploadBackupLog(@PathParam("store") String store, InputStream body) throws IOException {
        Params p = query().allow(DIR);
        byte[] blob = body.readNBytes(DataBlobCodec.MAX_BLOB_UPLOAD_SIZE + 1);
        if (blob.length > DataBlobCodec.MAX_BLOB_UPLOAD_SIZE) {
            throw ServiceException.badRequest("backup log too large (more than " + DataBlobCodec.MAX_BLOB_UPLOAD_SIZE + " bytes)");
        }
        admin.uploadBackupLog(AuthFilter.caller(request), SnapshotJson.selector(store, p), blob);
        return Envelope.ok(null);
    }

    private Params query() {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), null);
    }

    private Params body(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }

    static String[] with(String[] base, String extra) {
        String[] out = java.util.Arrays.copyOf(base, base.length + 1);
        out[base.length] = extra;
        return out;
    }
}
