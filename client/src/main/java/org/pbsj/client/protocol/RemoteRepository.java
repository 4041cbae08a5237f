package org.pbsj.client.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.core.client.BackupRepository;
import org.pbsj.core.client.BackupTarget;
import org.pbsj.core.client.RestoreSource;
import org.pbsj.client.http.PbsHttpClient;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.protocol.ReaderClient;
import org.pbsj.protocol.SessionEndpoint;

/**
 * A datastore on a server: backups through the backup protocol, restores through the reader
 * protocol, snapshot lookups through {@code /api2/json/admin/datastore/{store}/snapshots}.
 */
public final class RemoteRepository implements BackupRepository {
    private final SessionEndpoint endpoint;
    private final PbsHttpClient api;
    private final String store;

    public RemoteRepository(SessionEndpoint endpoint, PbsHttpClient api, String store) {
        this.endpoint = endpoint;
        this.api = api;
        this.store = store;
    }

    @Override
    public BackupTarget startBackup(BackupDir dir) {
        return RemoteBackupTarget.open(endpoint, store, dir, false);
    }

    @Override
    public RestoreSource openSnapshot(BackupDir dir) {
        return new RemoteRestoreSource(ReaderClient.open(endpoint, store, dir));
    }

    /** The newest snapshot the server lists with a size (its manifest exists: it is finished). */
    @Override
    public Optional<BackupDir> lastFinishedSnapshot(BackupGroup group) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("backup-type", group.type().toString());
        params.put("backup-id", group.id());
        if (!group.ns().isRoot()) {
            params.put("ns", group.ns().toString());
        }
        Object data = api.get("/admin/datastore/" + PbsHttpClient.segment(store) + "/snapshots", params);
        long newest = -1;
        if (data instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("size") != null && m.get("backup-time") instanceof Number t) {
                    newest = Math.max(newest, t.longValue());
                }
            }
        }
        return newest < 0 ? Optional.empty() : Optional.of(new BackupDir(group, newest));
    }

    @Override
    public void close() {
        // sessions own their connections; the API client keeps none open
    }
}
