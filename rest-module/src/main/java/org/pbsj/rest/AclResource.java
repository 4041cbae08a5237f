package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.server.application.AclService;

/** {@code GET/PUT /access/acl} ({@code rest-api.md} §4.2). */
@Path("/access/acl")
@RequestScoped
public class AclResource {
    @Inject
    AclService acls;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @GET
    public Response read() {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), null).allow("path", "exact");
        Boolean exact = p.bool("exact");
        AclService.AclList list = acls.read(AuthFilter.caller(request), p.string("path"), exact != null && exact);
        return Envelope.ok(list.items().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", a.path());
            m.put("ugid", a.ugid());
            m.put("ugid_type", "user");
            m.put("propagate", a.propagate());
            m.put("roleid", a.roleid());
            return (Object) m;
        }).toList(), Map.of("digest", list.digest()));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response update(String body) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), body)
                .allow("path", "role", "propagate", "auth-id", "group", "delete", "digest");
        Boolean delete = p.bool("delete");
        acls.update(AuthFilter.caller(request), new AclService.AclUpdate(p.string("path"), p.required("role"),
                p.bool("propagate"), p.string("auth-id"), p.string("group"), delete != null && delete, p.string("digest")));
        return Envelope.ok(null);
    }
}
