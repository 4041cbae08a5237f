package org.pbsj.server.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.client.BackupTarget;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.sync.PushTarget;
import org.pbsj.core.sync.SyncException;
import org.pbsj.protocol.BackupClient;

/**
 * A datastore of a remote PBS server as the target of a push sync: listings, namespace creation
 * and removals through its JSON API ({@code /admin/datastore/{store}/namespace|groups|snapshots}),
 * snapshots through backup sessions ({@code backup-protocol.md} §5), one per snapshot. The
 * remote enforces its own privileges for the remote user (Datastore.Backup to add snapshots,
 * Datastore.Prune or Modify to remove).
 */
public final class RemotePushTarget implements PushTarget {
    private final RemoteApi api;
    private final String store;

    public RemotePushTarget(RemoteApi api, String store) {
        this.api = api;
        this.store = store;
    }

    private String path(String what) {
        return "admin/datastore/" + RemoteApi.segment(store) + "/" + what;
    }

    @Override
    public String authId() {
        return api.authId();
    }

    @Override
    public List<BackupNamespace> namespaces() {
        Object data;
        try {
            data = api.get(path("namespace"), Map.of());
        } catch (RemoteApi.RemoteException e) {
            if (e.status() == 404) {
                throw new SyncException("remote datastore '" + store + "' does not exist or the remote has no namespace"
                        + " support (push needs PBS 2.2 or newer): " + e.getMessage());
            }
            throw e;
        }
        List<BackupNamespace> out = new ArrayList<>();
        out.add(BackupNamespace.ROOT);
        for (Object o : list(data)) {
            if (o instanceof Map<?, ?> m && m.get("ns") instanceof String ns && !ns.isEmpty()) {
                out.add(BackupNamespace.parse(ns));
            }
        }
        return out;
    }

    @Override
    public void createNamespace(BackupNamespace ns) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", ns.name());
        if (!ns.parent().isRoot()) {
            p.put("parent", ns.parent().toString());
        }
        api.post(path("namespace"), p);
    }

    @Override
    public List<TargetGroup> groups(BackupNamespace ns) {
        List<TargetGroup> out = new ArrayList<>();
        for (Object o : list(api.get(path("groups"), nsQuery(ns)))) {
            if (o instanceof Map<?, ?> m && m.get("backup-type") instanceof String t && BackupType.isValid(t)
                    && m.get("backup-id") instanceof String id) {
                out.add(new TargetGroup(new BackupGroup(ns, BackupType.parse(t), id),
                        m.get("owner") instanceof String owner ? owner : null));
            }
        }
        return out;
    }

    @Override
    public List<TargetSnapshot> snapshots(BackupGroup group) {
        Object data;
        try {
            data = api.get(path("snapshots"), groupQuery(group));
        } catch (RemoteApi.RemoteException e) {
            if (e.status() == 404) {
                return List.of(); // a group the target does not have yet
            }
            throw e;
        }
        List<TargetSnapshot> out = new ArrayList<>();
        for (Object o : list(data)) {
            if (o instanceof Map<?, ?> m && m.get("backup-time") instanceof Number t) {
                out.add(new TargetSnapshot(new BackupDir(group, t.longValue()), m.get("size") != null,
                        Boolean.TRUE.equals(m.get("protected"))));
            }
        }
        return out;
    }

    @Override
    public BackupTarget startBackup(BackupDir dir) {
        return BackupClient.open(api.sessionEndpoint(), store, dir, false);
    }

    @Override
    public void removeSnapshot(BackupDir dir) {
        Map<String, Object> q = groupQuery(dir.group());
        q.put("backup-time", dir.time());
        api.delete(path("snapshots"), q);
    }

    @Override
    public boolean removeGroup(BackupGroup group) {
        api.delete(path("groups"), groupQuery(group));
        return true;
    }

    @Override
    public boolean removeNamespace(BackupNamespace ns) {
        Map<String, Object> q = nsQuery(ns);
        q.put("delete-groups", true);
        api.delete(path("namespace"), q);
        return true;
    }

    @Override
    public void close() {
        // backup sessions are closed per snapshot
    }

    private static Map<String, Object> nsQuery(BackupNamespace ns) {
        Map<String, Object> q = new LinkedHashMap<>();
        if (!ns.isRoot()) {
            q.put("ns", ns.toString());
        }
        return q;
    }

    private static Map<String, Object> groupQuery(BackupGroup g) {
        Map<String, Object> q = nsQuery(g.ns());
        q.put("backup-type", g.type().value());
        q.put("backup-id", g.id());
        return q;
    }

    private static List<?> list(Object data) {
        return data instanceof List<?> l ? l : List.of();
    }
}
