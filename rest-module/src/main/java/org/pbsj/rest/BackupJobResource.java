package org.pbsj.rest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import org.pbsj.server.application.BackupJobService;
import org.pbsj.server.application.BackupJobService.BackupJob;

/**
 * Server-side backup jobs: {@code /config/backup-job} (collection as {@code /config/verify}),
 * {@code GET /admin/backup-job} with schedule status and {@code POST /admin/backup-job/{id}/run}.
 * {@code source} and {@code exclude} are lists ({@code root.pxar:/srv,disk.img:/var/lib/disk.raw}).
 */
@Path("/")
@RequestScoped
public class BackupJobResource {
    private static final String[] FIELDS = {"id", "store", "ns", "backup-type", "backup-id", "source", "exclude",
            "change-detection-mode", "owner", "comment", "schedule", "disable"};

    @Inject
    BackupJobService jobs;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path("config/backup-job")
    public Response list() {
        params(null).allow();
        return Envelope.ok(jobs.list(AuthFilter.caller(request)).stream().map(j -> (Object) json(j)).toList(),
                Map.of("digest", jobs.digest()));
    }

    @POST
    @Path("config/backup-job")
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        jobs.create(AuthFilter.caller(request), job(params(body).allow(FIELDS), null));
        return Envelope.ok(null);
    }

    @GET
    @Path("config/backup-job/{id}")
    public Response get(@PathParam("id") String id) {
        params(null).allow();
        return Envelope.ok(json(jobs.get(AuthFilter.caller(request), id)), Map.of("digest", jobs.digest()));
    }

    @PUT
    @Path("config/backup-job/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("id") String id, String body) {
        Params p = params(body).allow(JobsResource.concat(FIELDS, "delete", "digest"));
        jobs.update(AuthFilter.caller(request), id, job(p, id), new HashSet<>(p.list("delete")), p.string("digest"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("config/backup-job/{id}")
    public Response delete(@PathParam("id") String id) {
        Params p = params(null).allow("digest");
        jobs.delete(AuthFilter.caller(request), id, p.string("digest"));
        return Envelope.ok(null);
    }

    @GET
    @Path("admin/backup-job")
    public Response status() {
        params(null).allow();
        return Envelope.ok(jobs.listWithStatus(AuthFilter.caller(request)).stream()
                .map(l -> (Object) JobsResource.withStatus(json(l.job()), l.status())).toList());
    }

    @POST
    @Path("admin/backup-job/{id}/run")
    @Consumes(MediaType.WILDCARD)
    public Response run(@PathParam("id") String id, String body) {
        params(body).allow();
        return Envelope.ok(jobs.run(AuthFilter.caller(request), id));
    }

    private static BackupJob job(Params p, String pathId) {
        List<String> sources = p.list("source");
        List<String> exclude = p.list("exclude");
        return new BackupJob(pathId != null ? pathId : p.string("id"), p.string("store"), p.string("ns"),
                p.string("backup-type"), p.string("backup-id"), sources.isEmpty() ? null : sources,
                exclude.isEmpty() ? null : exclude, p.string("change-detection-mode"), p.string("owner"),
                p.string("comment"), p.string("schedule"), p.bool("disable"));
    }

    static Map<String, Object> json(BackupJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("store", j.store());
        m.put("ns", j.ns());
        m.put("backup-type", j.backupType());
        m.put("backup-id", j.backupId());
        m.put("source", j.sources());
        m.put("exclude", j.exclude().isEmpty() ? null : j.exclude());
        m.put("change-detection-mode", j.changeDetectionMode());
        m.put("owner", j.owner());
        m.put("comment", j.comment());
        m.put("schedule", j.schedule());
        m.put("disable", j.disable());
        return m;
    }

    private Params params(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }
}
