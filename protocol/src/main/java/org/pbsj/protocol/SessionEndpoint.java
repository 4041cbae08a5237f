package org.pbsj.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import javax.net.ssl.TrustManager;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupNamespace;

/** Where and as whom protocol sessions connect: server, certificate trust and credentials. */
public record SessionEndpoint(String host, int port, TrustManager trust, SessionAuth auth) {

    public SessionEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(trust, "trust");
        auth = auth == null ? SessionAuth.NONE : auth;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Opens a session: {@code target} is the upgrade request's path and query, {@code protocol} the upgrade token. */
    public H2Connection connect(String target, String protocol) {
        return H2Connection.open(host, port, trust, target, protocol, auth.sessionHeaders());
    }

    /** {@code store=…[&ns=…]&backup-type=…&backup-id=…&backup-time=…} of the upgrade requests. */
    public static String snapshotQuery(String store, BackupDir d) {
        StringBuilder q = new StringBuilder("store=").append(enc(store));
        BackupNamespace ns = d.group().ns();
        if (!ns.isRoot()) {
            q.append("&ns=").append(enc(ns.toString()));
        }
        q.append("&backup-type=").append(d.group().type())
                .append("&backup-id=").append(enc(d.group().id()))
                .append("&backup-time=").append(d.time());
        return q.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
