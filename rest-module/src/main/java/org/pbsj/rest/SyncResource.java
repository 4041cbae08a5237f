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

import org.pbsj.server.application.SyncJobService;
import org.pbsj.server.application.SyncRequest;
import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.SyncService;

/**
 * Sync ({@code rest-api.md} §4.4/§4.5): {@code /config/sync} job collection, {@code /admin/sync}
 * with schedule status, {@code /admin/sync/{id}/run}, and the one-off {@code POST /pull} and
 * (PBS 3.3) {@code POST /push}. Jobs carry {@code sync-direction} (pull, the default, or push);
 * the listings take it as a filter ({@code pull} by default, {@code push} or {@code all}) as PBS 3.3 does.
 */
@Path("/")
@RequestScoped
public class SyncResource {
    private static final String[] PULL = {"store", "ns", "remote", "remote-store", "remote-ns", "remove-vanished",
            "max-depth", "group-filter", "rate-in", "burst-in", "rate-out", "burst-out", "transfer-last"};
    private static final String[] PUSH = {"store", "ns", "remote", "remote-store", "remote-ns", "remove-vanished",
            "max-depth", "group-filter", "rate-in", "burst-in", "rate-out", "burst-out", "transfer-last"};
    private static final String[] JOB = JobsResource.concat(PULL, "id", "owner", "comment", "schedule", "sync-direction");

    @Inject
    SyncJobService jobs;
    @Inject
    SyncService sync;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path("config/sync")
    public Response list() {
        Params p = params(null).allow("store", "sync-direction");
        return Envelope.ok(jobs.list(AuthFilter.caller(request), p.string("store"), p.string("sync-direction")).stream().map(j -> (Object) json(j))
                .toList(), Map.of("digest", jobs.digest()));
    }

    @POST
    @Path("config/sync")
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        jobs.create(AuthFilter.caller(request), request(params(body).allow(JOB), null));
        return Envelope.ok(null);
    }

    @GET
    @Path("config/sync/{id}")
    public Response get(@PathParam("id") String id) {
        params(null).allow();
        return Envelope.ok(json(jobs.get(AuthFilter.caller(request), id)), Map.of("digest", jobs.digest()));
    }

    @PUT
    @Path("config/sync/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("id") String id, String body) {
        Params p = params(body).allow(JobsResource.concat(JOB, "delete", "digest"));
        jobs.update(AuthFilter.caller(request), id, request(p, id), new HashSet<>(p.list("delete")), p.string("digest"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("config/sync/{id}")
    public Response delete(@PathParam("id") String id) {
        Params p = params(null).allow("digest");
        jobs.delete(AuthFilter.caller(request), id, p.string("digest"));
        return Envelope.ok(null);
    }

    @GET
    @Path("admin/sync")
    public Response status() {
        Params p = params(null).allow("store", "sync-direction");
        return Envelope.ok(jobs.listWithStatus(AuthFilter.caller(request), p.string("store"), p.string("sync-direction")).stream()
                .map(l -> (Object) JobsResource.withStatus(json(l.job()), l.status())).toList());
    }

    @POST
    @Path("admin/sync/{id}/run")
    @Consumes(MediaType.WILDCARD)
    public Response run(@PathParam("id") String id, String body) {
        params(body).allow();
        return Envelope.ok(jobs.run(AuthFilter.caller(request), id));
    }

    @POST
    @Path("pull")
    @Consumes(MediaType.WILDCARD)
    public Response pull(String body) {
        Params p = params(body).allow(PULL);
        p.required("store");
        p.required("remote-store");
        // as in PBS, a one-off pull runs as the caller and the groups it creates are the caller's:
        // it needs no Datastore.Modify (rest-api.md §4.4), unlike a job owned by somebody else
        AuthService.Caller caller = AuthFilter.caller(request);
        return Envelope.ok(sync.startPull(caller, request(p, null, caller.authId())));
    }

    @POST
    @Path("push")
    @Consumes(MediaType.WILDCARD)
    public Response push(String body) {
        Params p = params(body).allow(PUSH);
        p.required("store");
        p.required("remote");
        p.required("remote-store");
        // the push runs as the caller: its privileges select the local groups (PBS 3.3)
        AuthService.Caller caller = AuthFilter.caller(request);
        return Envelope.ok(sync.startPush(caller, request(p, null, caller.authId())));
    }

    private static SyncRequest request(Params p, String pathId) {
        return request(p, pathId, p.string("owner"));
    }

    private static SyncRequest request(Params p, String pathId, String owner) {
        List<String> filters = p.string("group-filter") == null ? null : p.list("group-filter");
        return new SyncRequest(pathId != null ? pathId : p.string("id"), p.string("store"), p.string("ns"),
                owner, p.string("remote"), p.string("remote-store"), p.string("remote-ns"),
                p.bool("remove-vanished"), JobsResource.intOrNull(p, "max-depth"), p.string("comment"),
                p.string("schedule"), filters, SyncRequest.parseSize("rate-in", p.string("rate-in")),
                SyncRequest.parseSize("burst-in", p.string("burst-in")), SyncRequest.parseSize("rate-out", p.string("rate-out")),
                SyncRequest.parseSize("burst-out", p.string("burst-out")), JobsResource.intOrNull(p, "transfer-last"),
                p.string("sync-direction"));
    }

    static Map<String, Object> json(SyncRequest j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("store", j.store());
        m.put("ns", j.ns());
        m.put("owner", j.owner());
        m.put("remote", j.remote());
        m.put("remote-store", j.remoteStore());
        m.put("remote-ns", j.remoteNs());
        m.put("remove-vanished", j.removeVanished());
        m.put("max-depth", j.maxDepth());
        m.put("comment", j.comment());
        m.put("schedule", j.schedule());
        m.put("group-filter", j.groupFilter());
        m.put("rate-in", j.rateIn());
        m.put("burst-in", j.burstIn());
        m.put("rate-out", j.rateOut());
        m.put("burst-out", j.burstOut());
        m.put("transfer-last", j.transferLast());
        m.put("sync-direction", j.syncDirection());
        return m;
    }

    private Params params(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }
}
