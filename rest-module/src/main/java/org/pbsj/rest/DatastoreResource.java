package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.server.application.DatastoreService;
import org.pbsj.server.application.DatastoreStatusService;

/** {@code /config/datastore} and {@code /admin/datastore}: configuration and listing. */
@Path("/")
@RequestScoped
public class DatastoreResource {
    @Inject
    DatastoreService datastores;
    @Inject
    DatastoreStatusService statuses;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path("config/datastore")
    public Response listConfigs() {
        return Envelope.ok(datastores.listConfigs(AuthFilter.caller(request)).stream()
                .map(DatastoreResource::config).toList());
    }

    @GET
    @Path("config/datastore/{name}")
    public Response getConfig(@PathParam("name") String name) {
        return Envelope.ok(config(datastores.get(AuthFilter.caller(request), name)),
                Map.of("digest", datastores.digest()));
    }

    @PUT
    @Path("config/datastore/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response updateConfig(@PathParam("name") String name, String body) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), body).allow("comment", "gc-schedule",
                "notify-user", "notify", "notification-mode", "delete", "digest");
        datastores.update(AuthFilter.caller(request), name, new DatastoreService.DatastoreUpdate(p.string("comment"),
                p.string("gc-schedule"), p.string("notify-user"), p.string("notify"), p.string("notification-mode")),
                new java.util.HashSet<>(p.list("delete")), p.string("digest"));
        return Envelope.ok(null);
    }

    @POST
    @Path("config/datastore")
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), body)
                .allow("name", "path", "comment");
        // PBS answers with the UPID of the create-datastore task
        return Envelope.ok(datastores.create(AuthFilter.caller(request), p.required("name"), p.required("path"),
                p.string("comment")));
    }

    @GET
    @Path("admin/datastore")
    public Response list() {
        List<Object> out = datastores.listVisible(AuthFilter.caller(request)).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("store", d.name());
            m.put("comment", d.comment());
            return (Object) m;
        }).toList();
        return Envelope.ok(out);
    }

    @GET
    @Path("admin/datastore/{store}/status")
    public Response status(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow("verbose");
        Boolean verbose = p.bool("verbose");
        return Envelope.ok(StatusResource.datastoreStatus(
                statuses.status(AuthFilter.caller(request), store, verbose != null && verbose)));
    }

    @GET
    @Path("admin/datastore/{store}/active-operations")
    public Response activeOperations(@PathParam("store") String store) {
        Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow();
        var ops = statuses.activeOperations(AuthFilter.caller(request), store);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", ops.read());
        m.put("write", ops.write());
        return Envelope.ok(m);
    }

    @GET
    @Path("admin/datastore/{store}/rrd")
    public Response rrd(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow("timeframe", "cf");
        return Envelope.ok(statuses.rrd(AuthFilter.caller(request), store, p.string("timeframe"), p.string("cf")));
    }

    static Map<String, Object> config(DatastoreService.DatastoreInfo d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("path", d.path());
        m.put("comment", d.comment());
        m.put("gc-schedule", d.gcSchedule());
        m.put("notify-user", d.notifyUser());
        m.put("notify", d.notifySettings());
        m.put("notification-mode", d.notificationMode());
        return m;
    }
}
