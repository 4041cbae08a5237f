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

import org.pbsj.server.application.RemoteService;
import org.pbsj.server.application.RemoteService.Remote;
import org.pbsj.server.application.RemoteService.RemoteUpdate;
import org.pbsj.server.application.ServiceException;

/** {@code /config/remote} ({@code rest-api.md} §4.5): remotes, write-only password, and scans of a remote. */
@Path("config/remote")
@RequestScoped
public class RemoteResource {
    private static final String[] FIELDS = {"name", "host", "port", "auth-id", "password", "fingerprint", "comment"};

    @Inject
    RemoteService remotes;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    public Response list() {
        params(null).allow();
        return Envelope.ok(remotes.list(AuthFilter.caller(request)).stream().map(r -> (Object) json(r)).toList(),
                Map.of("digest", remotes.digest()));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        Params p = params(body).allow(FIELDS);
        remotes.create(AuthFilter.caller(request), p.string("name"), update(p));
        return Envelope.ok(null);
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        params(null).allow();
        return Envelope.ok(json(remotes.get(AuthFilter.caller(request), name)), Map.of("digest", remotes.digest()));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("name") String name, String body) {
        Params p = params(body).allow(JobsResource.concat(FIELDS, "delete", "digest"));
        remotes.update(AuthFilter.caller(request), name, update(p), new HashSet<>(p.list("delete")), p.string("digest"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        Params p = params(null).allow("digest");
        remotes.delete(AuthFilter.caller(request), name, p.string("digest"));
        return Envelope.ok(null);
    }

    @GET
    @Path("{name}/scan")
    public Response scan(@PathParam("name") String name) {
        params(null).allow();
        return Envelope.ok(remotes.scanDatastores(AuthFilter.caller(request), name));
    }

    @GET
    @Path("{name}/scan/{store}/namespaces")
    public Response scanNamespaces(@PathParam("name") String name, @PathParam("store") String store) {
        params(null).allow();
        return Envelope.ok(remotes.scanNamespaces(AuthFilter.caller(request), name, store));
    }

    @GET
    @Path("{name}/scan/{store}/groups")
    public Response scanGroups(@PathParam("name") String name, @PathParam("store") String store) {
        Params p = params(null).allow("namespace");
        return Envelope.ok(remotes.scanGroups(AuthFilter.caller(request), name, store, p.string("namespace")));
    }

    private static RemoteUpdate update(Params p) {
        Long port = p.integer("port");
        if (port != null && (port < 1 || port > 65535)) {
            throw ServiceException.badRequest("parameter verification errors\n\nport: value must be between 1 and 65535");
        }
        return new RemoteUpdate(p.string("host"), port == null ? null : port.intValue(), p.string("auth-id"),
                p.string("password"), p.string("fingerprint"), p.string("comment"));
    }

    static Map<String, Object> json(Remote r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("host", r.host());
        m.put("port", r.port());
        m.put("auth-id", r.authId());
        m.put("fingerprint", r.fingerprint());
        m.put("comment", r.comment());
        return m;
    }

    private Params params(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }
}
