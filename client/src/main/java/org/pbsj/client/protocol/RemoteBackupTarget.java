package org.pbsj.client.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.client.backup.BackupTarget;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.json.Json;

/**
 * {@link BackupTarget} over the PBS backup protocol: one HTTP/2 session per backup
 * ({@code backup-protocol.md} §5); parameters in the query, appends as JSON bodies.
 */
public final class RemoteBackupTarget implements BackupTarget {
    public static final String PROTOCOL = "proxmox-backup-protocol-v1";
    private static final String OCTETS = "application/octet-stream";
    private static final String JSON = "application/json";

    private final H2Connection connection;
    private final BackupDir snapshot;
    private volatile boolean finished;

    private RemoteBackupTarget(H2Connection connection, BackupDir snapshot) {
        this.connection = connection;
        this.snapshot = snapshot;
    }

    /** Opens a backup session on {@code store} for {@code snapshot}. */
    public static RemoteBackupTarget open(SessionEndpoint endpoint, String store, BackupDir snapshot, boolean benchmark) {
        String target = "/api2/json/backup?" + SessionEndpoint.snapshotQuery(store, snapshot)
                + (benchmark ? "&benchmark=true" : "");
        return new RemoteBackupTarget(endpoint.connect(target, PROTOCOL), snapshot);
    }

    @Override
    public BackupDir snapshot() {
        return snapshot;
    }

    @Override
    public Optional<Long> previousBackupTime() {
        Object data = data(connection.call("GET", "/previous_backup_time", null, null));
        return data instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    @Override
    public byte[] downloadPrevious(String archiveName) {
        return connection.call("GET", "/previous?archive-name=" + enc(archiveName), null, null).body();
    }

    @Override
    public int createDynamicIndex(String archiveName) {
        return ((Number) data(connection.call("POST", "/dynamic_index?archive-name=" + enc(archiveName), null, null))).intValue();
    }

    @Override
    public int createFixedIndex(String archiveName, long size, String reuseCsum) {
        String q = "/fixed_index?archive-name=" + enc(archiveName) + "&size=" + size
                + (reuseCsum == null ? "" : "&reuse-csum=" + reuseCsum);
        return ((Number) data(connection.call("POST", q, null, null))).intValue();
    }

    @Override
    public void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] encodedBlob) {
        String q = "/" + prefix(fixed) + "_chunk?wid=" + wid + "&digest=" + HexFormat.of().formatHex(digest)
                + "&size=" + size + "&encoded-size=" + encodedBlob.length;
        connection.call("POST", q, OCTETS, encodedBlob);
    }

    @Override
    public void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wid", wid);
        List<Object> d = new ArrayList<>(digests.size());
        digests.forEach(x -> d.add(HexFormat.of().formatHex(x)));
        body.put("digest-list", d);
        body.put("offset-list", new ArrayList<Object>(offsets));
        connection.call("PUT", "/" + prefix(fixed) + "_index", JSON, Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum) {
        String q = "/" + prefix(fixed) + "_close?wid=" + wid + "&chunk-count=" + chunkCount + "&size=" + size
                + "&csum=" + HexFormat.of().formatHex(csum);
        connection.call("POST", q, null, null);
    }

    @Override
    public void uploadBlob(String fileName, byte[] encodedBlob) {
        connection.call("POST", "/blob?file-name=" + enc(fileName) + "&encoded-size=" + encodedBlob.length,
                OCTETS, encodedBlob);
    }

    @Override
    public void finish() {
        connection.call("POST", "/finish", null, null);
        finished = true;
    }

    /** Closing the connection before finish makes the server remove the snapshot. */
    @Override
    public void close() {
        connection.close();
    }

    public boolean isFinished() {
        return finished;
    }

    private static String prefix(boolean fixed) {
        return fixed ? "fixed" : "dynamic";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Object data(H2Connection.Response r) {
        Object parsed = Json.parse(r.text(), "server answer");
        if (!(parsed instanceof Map<?, ?> m) || !m.containsKey("data")) {
            throw new ProtocolException(r.status(), "answer without data: " + r.text());
        }
        return m.get("data");
    }
}
