package org.pbsj.rest;

import java.util.HashSet;
import java.util.LinkedHashMap;
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

import org.pbsj.server.application.PruneJobService;
import org.pbsj.server.application.PruneJobService.PruneJob;
import org.pbsj.server.application.VerifyJobService;
import org.pbsj.server.application.VerifyJobService.VerifyJob;

/** {@code /config/verify} and {@code /config/prune} ({@code rest-api.md} §4.5): job configuration collections. */
@Path("/")
@RequestScoped
public class JobConfigResource {
    private static final String[] VERIFY = {"id", "store", "ns", "max-depth", "ignore-verified", "outdated-after",
            "comment", "schedule"};
    private static final String[] PRUNE = JobsResource.concat(JobsResource.KEEP, "id", "store", "schedule", "disable",
            "comment", "ns", "max-depth");

    @Inject
    VerifyJobService verify;
    @Inject
    PruneJobService prune;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path("config/verify")
    public Response listVerify() {
        Params p = params(null).allow("store");
        return Envelope.ok(verify.list(AuthFilter.caller(request), p.string("store")).stream()
                .map(j -> (Object) verifyJson(j)).toList(), Map.of("digest", verify.digest()));
    }

    @POST
    @Path("config/verify")
    @Consumes(MediaType.WILDCARD)
    public Response createVerify(String body) {
        verify.create(AuthFilter.caller(request), verifyJob(params(body).allow(VERIFY), null));
        return Envelope.ok(null);
    }

    @GET
    @Path("config/verify/{id}")
    public Response getVerify(@PathParam("id") String id) {
        params(null).allow();
        return Envelope.ok(verifyJson(verify.get(AuthFilter.caller(request), id)), Map.of("digest", verify.digest()));
    }

    @PUT
    @Path("config/verify/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response updateVerify(@PathParam("id") String id, String body) {
        Params p = params(body).allow(JobsResource.concat(VERIFY, "delete", "digest"));
        verify.update(AuthFilter.caller(request), id, verifyJob(p, id), new HashSet<>(p.list("delete")), p.string("digest"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("config/verify/{id}")
    public Response deleteVerify(@PathParam("id") String id) {
        Params p = params(null).allow("digest");
        verify.delete(AuthFilter.caller(request), id, p.string("digest"));
        return Envelope.ok(null);
    }

    @GET
    @Path("config/prune")
    public Response listPrune() {
        Params p = params(null).allow("store");
        return Envelope.ok(prune.list(AuthFilter.caller(request), p.string("store")).stream()
                .map(j -> (Object) pruneJson(j)).toList(), Map.of("digest", prune.digest()));
    }

    @POST
    @Path("config/prune")
    @Consumes(MediaType.WILDCARD)
    public Response createPrune(String body) {
        prune.create(AuthFilter.caller(request), pruneJob(params(body).allow(PRUNE), null));
        return Envelope.ok(null);
    }

    @GET
    @Path("config/prune/{id}")
    public Response getPrune(@PathParam("id") String id) {
        params(null).allow();
        return Envelope.ok(pruneJson(prune.get(AuthFilter.caller(request), id)), Map.of("digest", prune.digest()));
    }

    @PUT
    @Path("config/prune/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response updatePrune(@PathParam("id") String id, String body) {
        Params p = params(body).allow(JobsResource.concat(PRUNE, "delete", "digest"));
        prune.update(AuthFilter.caller(request), id, pruneJob(p, id), new HashSet<>(p.list("delete")), p.string("digest"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("config/prune/{id}")
    public Response deletePrune(@PathParam("id") String id) {
        Params p = params(null).allow("digest");
        prune.delete(AuthFilter.caller(request), id, p.string("digest"));
        return Envelope.ok(null);
    }

    private static VerifyJob verifyJob(Params p, String pathId) {
        return new VerifyJob(pathId != null ? pathId : p.string("id"), p.string("store"), p.string("ns"),
                JobsResource.intOrNull(p, "max-depth"), p.bool("ignore-verified"), p.integer("outdated-after"),
                p.string("comment"), p.string("schedule"));
    }

    private static PruneJob pruneJob(Params p, String pathId) {
        return new PruneJob(pathId != null ? pathId : p.string("id"), p.string("store"), p.string("schedule"),
                p.bool("disable"), p.string("comment"), p.string("ns"), JobsResource.intOrNull(p, "max-depth"),
                JobsResource.intOrNull(p, "keep-last"), JobsResource.intOrNull(p, "keep-hourly"),
                JobsResource.intOrNull(p, "keep-daily"), JobsResource.intOrNull(p, "keep-weekly"),
                JobsResource.intOrNull(p, "keep-monthly"), JobsResource.intOrNull(p, "keep-yearly"));
    }

    static Map<String, Object> verifyJson(VerifyJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("store", j.store());
        m.put("ns", j.ns());
        m.put("max-depth", j.maxDepth());
        m.put("ignore-verified", j.ignoreVerified());
        m.put("outdated-after", j.outdatedAfter());
        m.put("comment", j.comment());
        m.put("schedule", j.schedule());
        return m;
    }

    static Map<String, Object> pruneJson(PruneJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("store", j.store());
        m.put("schedule", j.schedule());
        m.put("disable", j.disable());
        m.put("comment", j.comment());
        m.put("ns", j.ns());
        m.put("max-depth", j.maxDepth());
        m.put("keep-last", j.keepLast());
        m.put("keep-hourly", j.keepHourly());
        m.put("keep-daily", j.keepDaily());
        m.put("keep-weekly", j.keepWeekly());
        m.put("keep-monthly", j.keepMonthly());
        m.put("keep-yearly", j.keepYearly());
        return m;
    }

    private Params params(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }
}
