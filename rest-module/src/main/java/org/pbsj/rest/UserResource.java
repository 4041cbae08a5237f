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
import org.pbsj.server.application.TokenService;
import org.pbsj.server.application.UserService;

/** {@code /access/users}: users, their API tokens and their TFA unlock. */
@Path("/access/users")
@RequestScoped
public class UserResource {
    static final String[] USER_FIELDS = {"comment", "enable", "expire", "firstname", "lastname", "email"};

    @Inject
    UserService users;
    @Inject
    TokenService tokens;
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
    public Response list() {
        Params p = params(null).allow("include_tokens");
        boolean withTokens = Boolean.TRUE.equals(p.bool("include_tokens"));
        List<Object> out = users.list(AuthFilter.caller(request), withTokens).stream().map(u -> {
            Map<String, Object> m = user(u.user());
            if (u.tokens() != null) {
                m.put("tokens", u.tokens().stream().map(UserResource::token).toList());
            }
            if (u.totpLocked()) {
                m.put("totp-locked", true);
            }
            m.put("tfa-locked-until", u.tfaLockedUntil());
            return (Object) m;
        }).toList();
        return Envelope.ok(out, Map.of("digest", users.digest()));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(String body) {
        Params p = params(body).allow("userid", "password", "comment", "enable", "expire", "firstname", "lastname", "email");
        users.create(AuthFilter.caller(request), new UserService.NewUser(p.required("userid"), p.string("password"),
                p.string("comment"), p.bool("enable"), p.integer("expire"), p.string("firstname"),
                p.string("lastname"), p.string("email")));
        return Envelope.ok(null);
    }

    @GET
    @Path("{userid}")
    public Response get(@PathParam("userid") String userid) {
        return Envelope.ok(user(users.get(AuthFilter.caller(request), userid)), Map.of("digest", users.digest()));
    }

    @PUT
    @Path("{userid}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("userid") String userid, String body) {
        Params p = params(body).allow("comment", "enable", "expire", "firstname", "lastname", "email", "password",
                "delete", "digest", "userid");
        users.update(AuthFilter.caller(request), userid, new UserService.UserUpdate(p.string("comment"),
                p.bool("enable"), p.integer("expire"), p.string("firstname"), p.string("lastname"),
                p.string("email"), p.string("password"), p.list("delete"), p.string("digest")));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("{userid}")
    public Response delete(@PathParam("userid") String userid) {
        Params p = params(null).allow("digest", "userid");
        users.delete(AuthFilter.caller(request), userid, p.string("digest"));
        return Envelope.ok(null);
    }

    @PUT
    @Path("{userid}/unlock-tfa")
    @Consumes(MediaType.WILDCARD)
    public Response unlockTfa(@PathParam("userid") String userid, String body) {
        params(body).allow("userid");
        return Envelope.ok(tfa.unlock(AuthFilter.caller(request), userid));
    }

    @GET
    @Path("{userid}/token")
    public Response listTokens(@PathParam("userid") String userid) {
        return Envelope.ok(tokens.list(AuthFilter.caller(request), userid).stream().map(UserResource::token).toList(),
                Map.of("digest", users.digest()));
    }

    @GET
    @Path("{userid}/token/{name}")
    public Response getToken(@PathParam("userid") String userid, @PathParam("name") String name) {
        return Envelope.ok(token(tokens.get(AuthFilter.caller(request), userid, name)), Map.of("digest", users.digest()));
    }

    @POST
    @Path("{userid}/token/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response generateToken(@PathParam("userid") String userid, @PathParam("name") String name, String body) {
        Params p = params(body).allow("comment", "enable", "expire", "digest", "userid", "token-name");
        TokenService.Secret s = tokens.generate(AuthFilter.caller(request), userid, name, p.string("comment"),
                p.bool("enable"), p.integer("expire"), p.string("digest"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenid", s.tokenid());
        m.put("value", s.value());
        return Envelope.ok(m);
    }

    @PUT
    @Path("{userid}/token/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response updateToken(@PathParam("userid") String userid, @PathParam("name") String name, String body) {
        Params p = params(body).allow("comment", "enable", "expire", "digest", "userid", "token-name");
        tokens.update(AuthFilter.caller(request), userid, name, p.string("comment"), p.bool("enable"),
                p.integer("expire"), p.string("digest"));
        return Envelope.ok(null);
    }

    @DELETE
    @Path("{userid}/token/{name}")
    public Response deleteToken(@PathParam("userid") String userid, @PathParam("name") String name) {
        Params p = params(null).allow("digest", "userid", "token-name");
        tokens.delete(AuthFilter.caller(request), userid, name, p.string("digest"));
        return Envelope.ok(null);
    }

    static Map<String, Object> user(UserService.UserInfo u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userid", u.userid());
        m.put("comment", u.comment());
        m.put("enable", u.enable());
        m.put("expire", u.expire());
        m.put("firstname", u.firstname());
        m.put("lastname", u.lastname());
        m.put("email", u.email());
        return m;
    }

    static Map<String, Object> token(TokenService.TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenid", t.tokenid());
        m.put("token-name", t.tokenName());
        m.put("comment", t.comment());
        m.put("enable", t.enable());
        m.put("expire", t.expire());
        return m;
    }
}
