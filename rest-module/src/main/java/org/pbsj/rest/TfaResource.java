package org.pbsj.rest;

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

import org.pbsj.server.application.TfaService;
import org.pbsj.server.auth.TfaUserData;

/** {@code /access/tfa} ({@code access-control.md} §7): TOTP and recovery-key entries. */
@Path("/access/tfa")
@RequestScoped
public class TfaResource {
    @Inject
    TfaService tfa;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    private Params params(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }

    @GET
    public Response listAll() {
        params(null).allow();
        List<Object> out = tfa.listAll(AuthFilter.caller(request)).stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userid", u.userid());
            m.put("entries", u.entries().stream().map(TfaResource::entry).toList());
            if (u.totpLocked()) {
                m.put("totp-locked", true);
            }
            m.put("tfa-locked-until", u.tfaLockedUntil());
            return (Object) m;
        }).toList();
        return Envelope.ok(out);
    }

    @GET
    @Path("{userid}")
    public Response list(@PathParam("userid") String userid) {
        params(null).allow("userid");
        return Envelope.ok(tfa.list(AuthFilter.caller(request), userid).stream().map(TfaResource::entry).toList());
    }

    @POST
    @Path("{userid}")
    @Consumes(MediaType.WILDCARD)
    public Response add(@PathParam("userid") String userid, String body) {
        Params p = params(body).allow("userid", "type", "description", "totp", "value", "challenge", "password");
        TfaService.Added a = tfa.add(AuthFilter.caller(request), userid, p.required("type"), p.string("description"),
                p.string("totp"), p.string("value"), p.string("password"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("recovery", a.recovery());
        return Envelope.ok(m);
    }

    @GET
    @Path("{userid}/{id}")
    public Response get(@PathParam("userid") String userid, @PathParam("id") String id) {
        params(null).allow("userid", "id");
        return Envelope.ok(entry(tfa.get(AuthFilter.caller(request), userid, id)));
    }

    @PUT
    @Path("{userid}/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("userid") String userid, @PathParam("id") String id, String body) {
        Params p = params(body).allow("userid", "id", "description", "enable", "password");
        tfa.update(AuthFilter.caller(request), userid, id, p.string("description"), p.bool("enable"), p.string("password"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("{userid}/{id}")
    public Response delete(@PathParam("userid") String userid, @PathParam("id") String id) {
        Params p = params(null).allow("userid", "id", "password");
        tfa.delete(AuthFilter.caller(request), userid, id, p.string("password"));
        return Envelope.ok(null);
    }

    static Map<String, Object> entry(TfaUserData.EntryInfo e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type());
        m.put("id", e.id());
        m.put("description", e.description());
        m.put("created", e.created());
        m.put("enable", e.enable());
        return m;
    }
}
