package org.pbsj.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.PermissionListing;
import org.pbsj.server.application.RealmService;
import org.pbsj.server.application.UserService;
import org.pbsj.server.auth.Privilege;
import org.pbsj.server.auth.Role;

/** {@code /access}: login tickets, password change, permissions, roles, realms. */
@Path("/access")
@RequestScoped
public class AccessResource {
    @Inject
    AuthService auth;
    @Inject
    UserService users;
    @Inject
    PermissionListing permissions;
    @Inject
    RealmService realms;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    private Params params(String body) {
        return Params.of(uri.getQueryParameters(), headers.getMediaType(), body);
    }

    @POST
    @Path("ticket")
    @Consumes(MediaType.WILDCARD)
    public Response ticket(String body) {
        Params p = params(body).allow("username", "password", "path", "privs", "port", "tfa-challenge");
        AuthService.Login login = auth.login(p.required("username"), p.required("password"), p.string("tfa-challenge"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", login.username());
        data.put("ticket", login.ticket());
        data.put("CSRFPreventionToken", login.csrfToken());
        return Envelope.ok(data);
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.WILDCARD)
    public Response password(String body) {
        Params p = params(body).allow("userid", "password", "confirmation-password");
        users.changePassword(AuthFilter.caller(request), p.required("userid"), p.required("password"),
                p.string("confirmation-password"));
        return Envelope.ok(null);
    }

    @GET
    @Path("permissions")
    public Response permissions() {
        Params p = params(null).allow("auth-id", "path");
        return Envelope.ok(permissions.list(AuthFilter.caller(request), p.string("auth-id"), p.string("path")));
    }

    @GET
    @Path("domains")
    public Response domains() {
        List<Object> out = new ArrayList<>();
        for (RealmService.Domain d : realms.domains()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("realm", d.realm());
            m.put("type", d.type());
            m.put("comment", d.comment());
            m.put("default", d.isDefault());
            out.add(m);
        }
        return Envelope.ok(out);
    }

    @GET
    @Path("roles")
    public Response roles() {
        List<Object> out = new ArrayList<>();
        for (Role r : Role.values()) {
            List<String> privs = new ArrayList<>();
            for (Privilege p : Privilege.values()) {
                if ((r.privileges() & p.bit()) != 0) {
                    privs.add(p.pbsName());
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("roleid", r.pbsName());
            m.put("privs", privs);
            m.put("comment", r.comment());
            out.add(m);
        }
        return Envelope.ok(out);
    }
}
