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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.server.application.RealmService;
import org.pbsj.server.application.ServiceException;

/** {@code /config/access/ldap}: LDAP realm configuration (the bind password is write-only). */
@Path("/config/access/ldap")
@RequestScoped
public class LdapRealmResource {
    static final String[] FIELDS = {"server1", "server2", "port", "base-dn", "user-attr", "mode", "verify",
        "bind-dn", "password", "filter", "comment"};

    @Inject
    RealmService realms;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    private Params params(String body, String... extra) {
        String[] allowed = java.util.Arrays.copyOf(FIELDS, FIELDS.length + extra.length);
        System.arraycopy(extra, 0, allowed, FIELDS.length, extra.length);
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body).allow(allowed);
    }

    @GET
    public Response list() {
        return Envelope.ok(realms.listLdap(AuthFilter.caller(request)).stream().map(LdapRealmResource::config).toList());
    }

    @GET
    @Path("{realm}")
    public Response get(@PathParam("realm") String realm) {
        return Envelope.ok(config(realms.getLdap(AuthFilter.caller(request), realm)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        Params p = params(body, "realm");
        realms.createLdap(AuthFilter.caller(request), p.required("realm"), update(p));
        return Envelope.ok(null);
    }

    @PUT
    @Path("{realm}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("realm") String realm, String body) {
        Params p = params(body, "realm", "delete", "digest");
        realms.updateLdap(AuthFilter.caller(request), realm, update(p), p.list("delete"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("{realm}")
    public Response delete(@PathParam("realm") String realm) {
        params(null, "realm", "digest");
        realms.deleteLdap(AuthFilter.caller(request), realm);
        return Envelope.ok(null);
    }

    private static RealmService.LdapUpdate update(Params p) {
        Long port = p.integer("port");
        if (port != null && (port < 1 || port > 65535)) {
            throw ServiceException.badRequest("parameter verification errors\n\nport: value must be 1..65535");
        }
        return new RealmService.LdapUpdate(p.string("server1"), p.string("server2"),
                port == null ? null : port.intValue(), p.string("base-dn"), p.string("user-attr"), p.string("mode"),
                p.bool("verify"), p.string("bind-dn"), p.string("password"), p.string("filter"), p.string("comment"));
    }

    static Map<String, Object> config(RealmService.LdapConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("realm", c.realm());
        m.put("server1", c.server1());
        m.put("server2", c.server2());
        m.put("port", c.port());
        m.put("base-dn", c.baseDn());
        m.put("user-attr", c.userAttr());
        m.put("mode", c.mode());
        m.put("verify", c.verify());
        m.put("bind-dn", c.bindDn());
        m.put("filter", c.filter());
        m.put("comment", c.comment());
        return m;
    }
}
