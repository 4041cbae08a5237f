package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.UserService;
import org.pbsj.server.auth.Role;

/** {@code /access}: login tickets, users, roles, realms. */
@Path("/access")
@RequestScoped
public class AccessResource {
    @Inject
    AuthService auth;
    @Inject
    UserService users;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;
    @Context
    HttpServletRequest request;

    @POST
    @Path("ticket")
    @Consumes(MediaType.WILDCARD)
    public Response ticket(String body) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), body)
                .allow("username", "password", "path", "privs", "port", "tfa-challenge");
        AuthService.Login login = auth.login(p.required("username"), p.required("password"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", login.username());
        data.put("ticket", login.ticket());
        data.put("CSRFPreventionToken", login.csrfToken());
        return Envelope.ok(data);
    }

    @GET
    @Path("domains")
    public Response domains() {
        Map<String, Object> pbs = new LinkedHashMap<>();
        pbs.put("realm", "pbs");
        pbs.put("type", "pbs");
        pbs.put("comment", "Proxmox Backup authentication server");
        pbs.put("default", true);
        return Envelope.ok(List.of(pbs));
    }

    @GET
    @Path("roles")
    public Response roles() {
        List<Object> out = new java.util.ArrayList<>();
        for (Role r : Role.values()) {
            List<String> privs = new java.util.ArrayList<>();
            for (org.pbsj.server.auth.Privilege p : org.pbsj.server.auth.Privilege.values()) {
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

    @GET
    @Path("users")
    public Response listUsers() {
        List<Object> out = users.list(AuthFilter.caller(request)).stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("userid", u.userid());
            m.put("comment", u.comment());
            m.put("enable", u.enable());
            m.put("expire", u.expire());
            m.put("firstname", u.firstname());
            m.put("lastname", u.lastname());
            m.put("email", u.email());
            return (Object) m;
        }).toList();
        return Envelope.ok(out);
    }

    @POST
    @Path("users")
    @Consumes(MediaType.WILDCARD)
    public Response createUser(String body) {
        Params p = Params.of(uri.getQueryParameters(), headers.getMediaType(), body)
                .allow("userid", "password", "comment", "enable", "expire", "firstname", "lastname", "email");
        users.create(AuthFilter.caller(request), new UserService.NewUser(p.required("userid"), p.string("password"),
                p.string("comment"), p.bool("enable"), p.integer("expire"), p.string("firstname"),
                p.string("lastname"), p.string("email")));
        return Envelope.ok(null);
    }
}
