package org.pbsj.client.protocol;

import javax.net.ssl.TrustManager;

import org.pbsj.client.http.Auth;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupNamespace;

/** Where and as whom protocol sessions connect: server, certificate trust and credentials. */
public record SessionEndpoint(String host, int port, TrustManager trust, Auth auth) {

    H2Connection connect(String target, String protocol) {
        String[] headers;
        if (auth instanceof Auth.Ticket t) {
            headers = new String[] {"Cookie", t.cookie(), "CSRFPreventionToken", t.csrfToken()};
        } else if (auth instanceof Auth.ApiToken t) {
            headers = new String[] {"Authorization", t.header()};
        } else {
            headers = new String[0];
        }
        return H2Connection.open(host, port, trust, target, protocol, headers);
    }

    static String snapshotQuery(String store, BackupDir d) {
        StringBuilder q = new StringBuilder("store=").append(RemoteBackupTarget.enc(store));
        BackupNamespace ns = d.group().ns();
        if (!ns.isRoot()) {
            q.append("&ns=").append(RemoteBackupTarget.enc(ns.toString()));
        }
        q.append("&backup-type=").append(d.group().type())
                .append("&backup-id=").append(RemoteBackupTarget.enc(d.group().id()))
                .append("&backup-time=").append(d.time());
        return q.toString();
    }
}
