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

import org.pbsj.server.application.ServiceException;
import org.pbsj.server.application.SmtpEndpointService;
import org.pbsj.server.application.SmtpEndpointService.Endpoint;
import org.pbsj.server.application.SmtpEndpointService.EndpointUpdate;

/**
 * {@code /config/notifications}: SMTP endpoints ({@code endpoints/smtp}, write-only password), the
 * target list and a test notification per target. Matchers are not implemented: every job
 * notification goes to every enabled target in {@code notification-system} mode.
 */
@Path("config/notifications")
@RequestScoped
public class NotificationResource {
    private static final String[] FIELDS = {"name", "server", "port", "mode", "username", "password", "mailto",
            "mailto-user", "from-address", "author", "comment", "disable"};

    @Inject
    SmtpEndpointService endpoints;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    @Path("endpoints/smtp")
    public Response list() {
        params(null).allow();
        return Envelope.ok(endpoints.list(AuthFilter.caller(request)).stream().map(e -> (Object) json(e)).toList(),
                Map.of("digest", endpoints.digest()));
    }

    @POST
    @Path("endpoints/smtp")
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        Params p = params(body).allow(FIELDS);
        endpoints.create(AuthFilter.caller(request), p.string("name"), update(p));
        return Envelope.ok(null);
    }

    @GET
    @Path("endpoints/smtp/{name}")
    public Response get(@PathParam("name") String name) {
        params(null).allow();
        return Envelope.ok(json(endpoints.get(AuthFilter.caller(request), name)), Map.of("digest", endpoints.digest()));
    }

    @PUT
    @Path("endpoints/smtp/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("name") String name, String body) {
        Params p = params(body).allow(JobsResource.concat(FIELDS, "delete", "digest"));
        endpoints.update(AuthFilter.caller(request), name, update(p), new HashSet<>(p.list("delete")), p.string("digest"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("endpoints/smtp/{name}")
    public Response delete(@PathParam("name") String name) {
        Params p = params(null).allow("digest");
        endpoints.delete(AuthFilter.caller(request), name, p.string("digest"));
        return Envelope.ok(null);
    }

    /** {@code GET /config/notifications/targets}: every target (here: the SMTP endpoints) by name and type. */
    @GET
    @Path("targets")
    public Response targets() {
        params(null).allow();
        List<Object> out = endpoints.list(AuthFilter.caller(request)).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("type", "smtp");
            m.put("comment", e.comment());
            m.put("disable", e.disable());
            m.put("origin", "user-created");
            return (Object) m;
        }).toList();
        return Envelope.ok(out);
    }

    @POST
    @Path("targets/{name}/test")
    @Consumes(MediaType.WILDCARD)
    public Response test(@PathParam("name") String name, String body) {
        params(body).allow();
        endpoints.test(AuthFilter.caller(request), name);
        return Envelope.ok(null);
    }

    private static EndpointUpdate update(Params p) {
        Long port = p.integer("port");
        if (port != null && (port < 1 || port > 65535)) {
            throw ServiceException.badRequest("parameter verification errors\n\nport: value must be between 1 and 65535");
        }
        return new EndpointUpdate(p.string("server"), port == null ? null : port.intValue(), p.string("mode"),
                p.string("username"), p.string("password"), p.string("mailto") == null ? null : p.list("mailto"),
                p.string("mailto-user") == null ? null : p.list("mailto-user"), p.string("from-address"),
                p.string("author"), p.string("comment"), p.bool("disable"));
    }

    static Map<String, Object> json(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("server", e.server());
        m.put("port", e.port());
        m.put("mode", e.mode());
        m.put("username", e.username());
        m.put("mailto", e.mailto().isEmpty() ? null : e.mailto());
        m.put("mailto-user", e.mailtoUser().isEmpty() ? null : e.mailtoUser());
        m.put("from-address", e.fromAddress());
        m.put("author", e.author());
        m.put("comment", e.comment());
        m.put("disable", e.disable() ? Boolean.TRUE : null);
        m.put("origin", "user-created");
        return m;
    }

    private Params params(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }
}
