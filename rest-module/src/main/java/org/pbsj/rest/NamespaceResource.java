package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.server.application.NamespaceService;

/** {@code /admin/datastore/{store}/namespace}: list, create, delete. */
@Path("/")
@RequestScoped
public class NamespaceResource {
    private static final String PATH = "admin/datastore/{store}/namespace";

    @Inject
    NamespaceService namespaces;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path(PATH)
    public Response list(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow("parent", "max-depth");
        return Envelope.ok(namespaces.list(AuthFilter.caller(request), store, p.string("parent"), p.integer("max-depth"))
                .stream().map(ns -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ns", ns.toString());
                    return (Object) m;
                }).toList());
    }

    @POST
    @Path(PATH)
    @Consumes(MediaType.WILDCARD)
    public Response create(@PathParam("store") String store, String body) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), body).allow("name", "parent");
        return Envelope.ok(namespaces.create(AuthFilter.caller(request), store, p.string("parent"), p.string("name"))
                .toString());
    }

    @DELETE
    @Path(PATH)
    public Response delete(@PathParam("store") String store) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow("ns", "delete-groups");
        Boolean deleteGroups = p.bool("delete-groups");
        namespaces.delete(AuthFilter.caller(request), store, p.string("ns"), deleteGroups != null && deleteGroups);
        return Envelope.ok(null);
    }
}
