package org.pbsj.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.core.client.BackupTarget;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.json.Json;

/**
 * The PBS backup protocol ({@code backup-protocol.md} §5): one HTTP/2 session per snapshot, one
 * method per endpoint with the parameters as on the wire (query parameters, appends as JSON
 * bodies). Uploads may run concurrently; appends of one writer must come in stream order.
 * {@link #close} without a successful {@link #finish} makes the server remove the snapshot.
 * As a {@link BackupTarget} it is what the server's push sync writes snapshots through.
 */
public final class BackupClient implements BackupTarget {
    public static final String PROTOCOL = "proxmox-backup-protocol-v1";
    private static final String OCTETS = "application/octet-stream";
    private static final String JSON = "application/json";

    private final H2Connection connection;
    private final BackupDir snapshot;
    private volatile boolean finished;

    private BackupClient(H2Connection connection, BackupDir snapshot) {
        this.connection = connection;
        this.snapshot = snapshot;
    }

    /** Opens a backup session on {@code store} for {@code snapshot}. */
    public static BackupClient open(SessionEndpoint endpoint, String store, BackupDir snapshot, boolean benchmark) {
        String target = "/api2/json/backup?" + SessionEndpoint.snapshotQuery(store, snapshot)
                + (benchmark ? "&benchmark=true" : "");
        return new BackupClient(endpoint.connect(target, PROTOCOL), snapshot);
    }

    public BackupDir snapshot() {
        return snapshot;
    }

    /** {@code GET /previous_backup_time}. */
    public Optional<Long> previousBackupTime() {
        Object data = data(connection.call("GET", "/previous_backup_time", null, null));
        return data instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** {@code GET /previous?archive-name=}. */
    public byte[] downloadPrevious(String archiveName) {
        return connection.call("GET", "/previous?archive-name=" + SessionEndpoint.enc(archiveName), null, null).body();
    }

    /** {@code POST /dynamic_index?archive-name=} → wid. */
    public int createDynamicIndex(String archiveName) {
        return ((Number) data(connection.call("POST", "/dynamic_index?archive-name=" + SessionEndpoint.enc(archiveName),
                null, null))).intValue();
    }

    /** {@code POST /fixed_index?archive-name=&size=[&reuse-csum=]} → wid. */
    public int createFixedIndex(String archiveName, long size, String reuseCsum) {
        String q = "/fixed_index?archive-name=" + SessionEndpoint.enc(archiveName) + "&size=" + size
                + (reuseCsum == null ? "" : "&reuse-csum=" + reuseCsum);
        return ((Number) data(connection.call("POST", q, null, null))).intValue();
    }

    /** {@code POST /dynamic_chunk} or {@code /fixed_chunk?wid=&digest=&size=&encoded-size=}. */
    public void uploadChunk(boolean fixed, int wid, byte[] digest, long size, byte[] encodedBlob) {
        String q = "/" + prefix(fixed) + "_chunk?wid=" + wid + "&digest=" + HexFormat.of().formatHex(digest)
                + "&size=" + size + "&encoded-size=" + encodedBlob.length;
        connection.call("POST", q, OCTETS, encodedBlob);
    }

    /** {@code PUT /dynamic_index} or {@code /fixed_index}: {@code wid}, {@code digest-list}, {@code offset-list}. */
    public void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wid", wid);
        List<Object> d = new ArrayList<>(digests.size());
        digests.forEach(x -> d.add(HexFormat.of().formatHex(x)));
        body.put("digest-list", d);
        body.put("offset-list", new ArrayList<Object>(offsets));
        connection.call("PUT", "/" + prefix(fixed) + "_index", JSON, Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST /dynamic_close} or {@code /fixed_close?wid=&chunk-count=&size=&csum=}. */
    public void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum) {
        String q = "/" + prefix(fixed) + "_close?wid=" + wid + "&chunk-count=" + chunkCount + "&size=" + size
                + "&csum=" + HexFormat.of().formatHex(csum);
        connection.call("POST", q, null, null);
    }

    /** {@code POST /blob?file-name=&encoded-size=} with the complete DataBlob as body. */
    public void uploadBlob(String fileName, byte[] encodedBlob) {
        connection.call("POST", "/blob?file-name=" + SessionEndpoint.enc(fileName) + "&encoded-size=" + encodedBlob.length,
                OCTETS, encodedBlob);
    }

    /** {@code POST /finish}. */
    public void finish() {
        connection.call("POST", "/finish", null, null);
        finished = true;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Closing the connection before finish makes the server remove the snapshot. */
    @Override
    public void close() {
        connection.close();
    }

    private static String prefix(boolean fixed) {
        return fixed ? "fixed" : "dynamic";
    }

    /** The {@code data} member of a JSON answer. */
    static Object data(H2Connection.Response r) {
        Object parsed = Json.parse(r.text(), "server answer");
        if (!(parsed instanceof Map<?, ?> m) || !m.containsKey("data")) {
            throw new ProtocolException(r.status(), "answer without data: " + r.text());
        }
        return m.get("data");
    }
}
