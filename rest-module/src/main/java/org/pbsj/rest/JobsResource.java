package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.prune.KeepOptions;
import org.pbsj.core.prune.PruneExecutor;
import org.pbsj.server.application.GcService;
import org.pbsj.server.application.JobConfigs;
import org.pbsj.server.application.JobStateService;
import org.pbsj.server.application.PruneJobService;
import org.pbsj.server.application.PruneService;
import org.pbsj.server.application.SnapshotSelector;
import org.pbsj.server.application.VerifyJobService;
import org.pbsj.server.application.VerifyService;

/**
 * Datastore jobs ({@code rest-api.md} §4.3/§4.4): GC, verify and prune of a datastore, and the
 * job lists with their schedule status. Translation only; rules and privileges are in the services.
 */
@Path("/")
@RequestScoped
public class JobsResource {
    private static final String BASE = "admin/datastore/{store}/";
    static final String[] KEEP = {"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"};

    @Inject
    GcService gc;
    @Inject
    VerifyService verify;
    @Inject
    PruneService prune;
    @Inject
    VerifyJobService verifyJobs;
    @Inject
    PruneJobService pruneJobs;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path(BASE + "gc")
    public Response gcStatus(@PathParam("store") String store) {
        query().allow();
        return Envelope.ok(gcJson(gc.status(AuthFilter.caller(request), store)));
    }

    @POST
    @Path(BASE + "gc")
    @Consumes(MediaType.WILDCARD)
    public Response startGc(@PathParam("store") String store, String body) {
        body(body).allow();
        return Envelope.ok(gc.start(AuthFilter.caller(request), store));
    }

    @GET
    @Path("admin/gc")
    public Response gcList() {
        Params p = query().allow("store");
        return Envelope.ok(gc.list(AuthFilter.caller(request), p.string("store")).stream().map(JobsResource::gcJson).toList());
    }

    @GET
    @Path("admin/gc/{store}")
    public Response gcListStore(@PathParam("store") String store) {
        query().allow();
        return Envelope.ok(gc.list(AuthFilter.caller(request), store).stream().map(JobsResource::gcJson).toList());
    }

    @POST
    @Path(BASE + "verify")
    @Consumes(MediaType.WILDCARD)
    public Response verify(@PathParam("store") String store, String body) {
        Params p = body(body).allow("ns", "backup-type", "backup-id", "backup-time", "ignore-verified", "outdated-after",
                "max-depth");
        SnapshotSelector sel = new SnapshotSelector(store, p.string("ns"), p.string("backup-type"), p.string("backup-id"),
                p.integer("backup-time"));
        return Envelope.ok(verify.start(AuthFilter.caller(request), sel, p.bool("ignore-verified"),
                p.integer("outdated-after"), intOrNull(p, "max-depth")));
    }

    @POST
    @Path(BASE + "prune")
    @Consumes(MediaType.WILDCARD)
    public Response prune(@PathParam("store") String store, String body) {
        Params p = body(body).allow(concat(KEEP, "ns", "backup-type", "backup-id", "dry-run", "use-task"));
        SnapshotSelector sel = SnapshotSelector.group(store, p.string("ns"), p.string("backup-type"), p.string("backup-id"));
        KeepOptions keep = keep(p);
        boolean dryRun = Boolean.TRUE.equals(p.bool("dry-run"));
        if (Boolean.TRUE.equals(p.bool("use-task"))) {
            return Envelope.ok(prune.startGroupTask(AuthFilter.caller(request), sel, keep, dryRun));
        }
        String ns = p.string("ns");
        return Envelope.ok(prune.pruneGroup(AuthFilter.caller(request), sel, keep, dryRun).stream()
                .map(r -> (Object) pruneJson(r, ns)).toList());
    }

    @POST
    @Path(BASE + "prune-datastore")
    @Consumes(MediaType.WILDCARD)
    public Response pruneDatastore(@PathParam("store") String store, String body) {
        Params p = body(body).allow(concat(KEEP, "ns", "max-depth", "dry-run"));
        return Envelope.ok(prune.startDatastore(AuthFilter.caller(request), store, p.string("ns"), intOrNull(p, "max-depth"),
                keep(p), Boolean.TRUE.equals(p.bool("dry-run"))));
    }

    @GET
    @Path("admin/verify")
    public Response verifyJobs() {
        Params p = query().allow("store");
        return Envelope.ok(verifyJobs.listWithStatus(AuthFilter.caller(request), p.string("store")).stream()
                .map(l -> (Object) withStatus(JobConfigResource.verifyJson(l.job()), l.status())).toList());
    }

    @POST
    @Path("admin/verify/{id}/run")
    @Consumes(MediaType.WILDCARD)
    public Response runVerifyJob(@PathParam("id") String id, String body) {
        body(body).allow();
        return Envelope.ok(verifyJobs.run(AuthFilter.caller(request), id));
    }

    @GET
    @Path("admin/prune")
    public Response pruneJobs() {
        Params p = query().allow("store");
        return Envelope.ok(pruneJobs.listWithStatus(AuthFilter.caller(request), p.string("store")).stream()
                .map(l -> (Object) withStatus(JobConfigResource.pruneJson(l.job()), l.status())).toList());
    }

    @POST
    @Path("admin/prune/{id}/run")
    @Consumes(MediaType.WILDCARD)
    public Response runPruneJob(@PathParam("id") String id, String body) {
        body(body).allow();
        return Envelope.ok(pruneJobs.run(AuthFilter.caller(request), id));
    }

    static Map<String, Object> gcJson(GcService.GcJobStatus j) {
        GcStatus s = j.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", j.store());
        m.put("upid", s.upid());
        m.put("index-file-count", s.indexFileCount());
        m.put("index-data-bytes", s.indexDataBytes());
        m.put("disk-bytes", s.diskBytes());
        m.put("disk-chunks", s.diskChunks());
        m.put("removed-bytes", s.removedBytes());
        m.put("removed-chunks", s.removedChunks());
        m.put("pending-bytes", s.pendingBytes());
        m.put("pending-chunks", s.pendingChunks());
        m.put("removed-bad", s.removedBad());
        m.put("still-bad", s.stillBad());
        m.put("schedule", j.schedule());
        return withStatus(m, j.scheduleStatus());
    }

    static Map<String, Object> withStatus(Map<String, Object> m, JobStateService.ScheduleStatus s) {
        m.put("next-run", s.nextRun());
        m.put("last-run-state", s.lastRunState());
        m.put("last-run-upid", s.lastRunUpid());
        m.put("last-run-endtime", s.lastRunEndtime());
        m.put("duration", s.duration());
        return m;
    }

    static Map<String, Object> pruneJson(PruneExecutor.Result r, String ns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup-type", r.dir().group().type().value());
        m.put("backup-id", r.dir().group().id());
        m.put("backup-time", r.dir().time());
        m.put("keep", r.keep());
        m.put("protected", r.isProtected());
        m.put("ns", ns == null || ns.isEmpty() ? null : ns);
        return m;
    }

    static KeepOptions keep(Params p) {
        return JobConfigs.keepOptions(intOrNull(p, "keep-last"), intOrNull(p, "keep-hourly"), intOrNull(p, "keep-daily"),
                intOrNull(p, "keep-weekly"), intOrNull(p, "keep-monthly"), intOrNull(p, "keep-yearly"));
    }

    static Integer intOrNull(Params p, String name) {
        Long v = p.integer(name);
        if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            throw org.pbsj.server.application.ServiceException.badRequest("parameter verification errors\n\n" + name
                    + ": value out of range");
        }
        return v == null ? null : v.intValue();
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Params query() {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), null);
    }

    private Params body(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }
}
