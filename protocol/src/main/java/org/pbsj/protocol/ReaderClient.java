package org.pbsj.protocol;

import java.util.HexFormat;

import org.pbsj.core.datastore.BackupDir;

/**
 * The PBS reader protocol ({@code backup-protocol.md} §9): files and chunks of one snapshot, as
 * stored. Used by the client's restore and by the server's sync job. Thread-safe: requests run
 * as concurrent HTTP/2 streams.
 */
public final class ReaderClient implements AutoCloseable {
    public static final String PROTOCOL = "proxmox-backup-reader-protocol-v1";
    private final H2Connection connection;
    private final BackupDir snapshot;

    private ReaderClient(H2Connection connection, BackupDir snapshot) {
        this.connection = connection;
        this.snapshot = snapshot;
    }

    /** Opens a reader session on {@code snapshot} of {@code store}. */
    public static ReaderClient open(SessionEndpoint endpoint, String store, BackupDir snapshot) {
        return new ReaderClient(endpoint.connect("/api2/json/reader?" + SessionEndpoint.snapshotQuery(store, snapshot),
                PROTOCOL), snapshot);
    }

    public BackupDir snapshot() {
        return snapshot;
    }

    /**
     * {@code GET /download?file-name=}: a file of the snapshot as stored (blob or index); an index
     * makes its chunks downloadable. A missing file is a {@link ProtocolException} with status 404.
     */
    public byte[] download(String fileName) {
        return connection.call("GET", "/download?file-name=" + SessionEndpoint.enc(fileName), null, null).body();
    }

    /** {@code GET /chunk?digest=}: a chunk as stored (an encoded DataBlob). */
    public byte[] chunk(byte[] digest) {
        return connection.call("GET", "/chunk?digest=" + HexFormat.of().formatHex(digest), null, null).body();
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }
}
