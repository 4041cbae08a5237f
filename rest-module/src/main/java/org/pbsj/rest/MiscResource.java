package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /ping} and {@code /version}. */
@Path("/")
@RequestScoped
public class MiscResource {
    /** The PBS release whose formats and API this server implements. */
    public static final String PBS_COMPAT_VERSION = "3.2.4";

    @GET
    @Path("ping")
    public Response ping() {
        return Envelope.ok(Map.of("pong", true));
    }

    @GET
    @Path("version")
    public Response version() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", PBS_COMPAT_VERSION);
        v.put("release", "1");
        String impl = MiscResource.class.getPackage().getImplementationVersion();
        v.put("repoid", "pbsj-" + (impl == null ? "dev" : impl));
        return Envelope.ok(v);
    }
}
