package org.pbsj.server.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.sync.SyncSource;
import org.pbsj.protocol.ProtocolException;
import org.pbsj.protocol.ReaderClient;

/**
 * A datastore of a remote PBS server as the sync's source: listings through its JSON API
 * ({@code /admin/datastore/{store}/namespace|groups|snapshots}), files and chunks through reader
 * sessions ({@code backup-protocol.md} §9), one per snapshot.
 */
public final class RemoteSyncSource implements SyncSource {
    private final RemoteApi api;
    private final String store;

    public RemoteSyncSource(RemoteApi api, String store) {
        this.api = api;
        this.store = store;
    }

    private String path(String what) {
        return "admin/datastore/" + RemoteApi.segment(store) + "/" + what;
    }

    @Override
    public List<BackupNamespace> namespaces(BackupNamespace anchor, int maxDepth) {
        Map<String, Object> q = new LinkedHashMap<>();
        if (!anchor.isRoot()) {
            q.put("parent", anchor.toString());
        }
        q.put("max-depth", maxDepth);
        Object data;
        try {
            data = api.get(path("namespace"), q);
        } catch (RemoteApi.RemoteException e) {
            if (e.status() == 404 && anchor.isRoot()) {
                return List.of(BackupNamespace.ROOT); // a remote without namespace support
            }
            throw e;
        }
        List<BackupNamespace> out = new ArrayList<>();
        for (Object o : list(data)) {
            if (o instanceof Map<?, ?> m && m.get("ns") instanceof String ns) {
                out.add(BackupNamespace.parse(ns));
            }
        }
        return out;
    }

    @Override
    public List<BackupGroup> groups(BackupNamespace ns) {
        List<BackupGroup> out = new ArrayList<>();
        for (Object o : list(api.get(path("groups"), nsQuery(ns)))) {
            if (o instanceof Map<?, ?> m && m.get("backup-type") instanceof String t && BackupType.isValid(t)
                    && m.get("backup-id") instanceof String id) {
                out.add(new BackupGroup(ns, BackupType.parse(t), id));
            }
        }
        return out;
    }

    @Override
    public List<SourceSnapshot> snapshots(BackupGroup group) {
        Map<String, Object> q = nsQuery(group.ns());
        q.put("backup-type", group.type().value());
        q.put("backup-id", group.id());
        List<SourceSnapshot> out = new ArrayList<>();
        for (Object o : list(api.get(path("snapshots"), q))) {
            if (o instanceof Map<?, ?> m && m.get("backup-time") instanceof Number t) {
                out.add(new SourceSnapshot(new BackupDir(group, t.longValue()), m.get("size") != null));
            }
        }
        return out;
    }

    @Override
    public SnapshotReader open(BackupDir dir) {
        ReaderClient reader = ReaderClient.open(api.sessionEndpoint(), store, dir);
        return new SnapshotReader() {
            @Override
            public Optional<byte[]> download(String fileName) {
                try {
                    return Optional.of(reader.download(fileName));
                } catch (ProtocolException e) {
                    if (e.status() == 404) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }

            @Override
            public byte[] chunk(byte[] digest) {
                return reader.chunk(digest);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public void close() {
        // reader sessions are closed per snapshot; the HTTP client holds no connection open for long
    }

    private static Map<String, Object> nsQuery(BackupNamespace ns) {
        Map<String, Object> q = new LinkedHashMap<>();
        if (!ns.isRoot()) {
            q.put("ns", ns.toString());
        }
        return q;
    }

    private static List<?> list(Object data) {
        return data instanceof List<?> l ? l : List.of();
    }
}
