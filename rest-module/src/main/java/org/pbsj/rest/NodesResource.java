package org.pbsj.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.pbsj.server.application.CertificateService;
import org.pbsj.server.application.PermissionService;
import org.pbsj.server.auth.Privilege;

/** {@code /nodes/{node}/certificates/info}: the server certificate clients pin. */
@Path("/nodes/{node}")
@RequestScoped
public class NodesResource {
    @Inject
    CertificateService certificates;
    @Inject
    PermissionService permissions;
    @Context
    HttpServletRequest request;

    @GET
    @Path("certificates/info")
    public Response certificateInfo(@PathParam("node") String node) {
        permissions.require(AuthFilter.caller(request), "/system/certificates", Privilege.SYS_AUDIT);
        List<Object> out = certificates.serverCertificate().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filename", c.filename());
            m.put("fingerprint", c.fingerprint());
            m.put("subject", c.subject());
            m.put("issuer", c.issuer());
            m.put("notbefore", c.notbefore());
            m.put("notafter", c.notafter());
            m.put("public-key-type", c.publicKeyType());
            return List.<Object>of(m);
        }).orElse(List.of());
        return Envelope.ok(out);
    }
}
