package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.pbsj.core.datastore.GcStatus;
import org.pbsj.server.application.DatastoreStatusService;

/** {@code GET /status/datastore-usage}, and the JSON of datastore status answers. */
@Path("/")
@RequestScoped
public class StatusResource {
    @Inject
    DatastoreStatusService status;
    @Context
    HttpServletRequest request;

    @GET
    @Path("status/datastore-usage")
    public Response datastoreUsage() {
        return Envelope.ok(status.usage(AuthFilter.caller(request)).stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("store", u.store());
            m.put("total", u.total());
            m.put("used", u.used());
            m.put("avail", u.avail());
            m.put("error", u.error());
            m.put("gc-status", gcStatus(u.gcStatus()));
            return (Object) m;
        }).toList());
    }

    /** DataStoreStatus: {@code total}, {@code used}, {@code avail}, optional {@code gc-status}, {@code counts}. */
    static Map<String, Object> datastoreStatus(DatastoreStatusService.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", s.total());
        m.put("used", s.used());
        m.put("avail", s.avail());
        m.put("gc-status", gcStatus(s.gcStatus()));
        if (s.counts() != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            s.counts().forEach((type, c) -> counts.put(type.value(), Map.of("groups", c.groups(), "snapshots", c.snapshots())));
            m.put("counts", counts);
        }
        return m;
    }

    /** GarbageCollectionStatus with PBS's kebab-case keys; {@code upid} only if there was a run. */
    static Map<String, Object> gcStatus(GcStatus g) {
        if (g == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upid", g.upid());
        m.put("index-file-count", g.indexFileCount());
        m.put("index-data-bytes", g.indexDataBytes());
        m.put("disk-bytes", g.diskBytes());
        m.put("disk-chunks", g.diskChunks());
        m.put("removed-bytes", g.removedBytes());
        m.put("removed-chunks", g.removedChunks());
        m.put("pending-bytes", g.pendingBytes());
        m.put("pending-chunks", g.pendingChunks());
        m.put("removed-bad", g.removedBad());
        m.put("still-bad", g.stillBad());
        return m;
    }
}
