package org.pbsj.client.protocol;

import java.util.HexFormat;

import org.pbsj.core.datastore.BackupDir;

/** The PBS reader protocol ({@code backup-protocol.md} §9): files and chunks of one snapshot. */
public final class RemoteReader implements AutoCloseable {
    public static final String PROTOCOL = "proxmox-backup-reader-protocol-v1";
    private final H2Connection connection;

    private RemoteReader(H2Connection connection) {
        this.connection = connection;
    }

    public static RemoteReader open(SessionEndpoint endpoint, String store, BackupDir snapshot) {
        return new RemoteReader(endpoint.connect("/api2/json/reader?" + SessionEndpoint.snapshotQuery(store, snapshot), PROTOCOL));
    }

    /** A file of the snapshot as stored (blob or index); an index makes its chunks downloadable. */
    public byte[] download(String fileName) {
        return connection.call("GET", "/download?file-name=" + RemoteBackupTarget.enc(fileName), null, null).body();
    }

    /** A chunk as stored (an encoded DataBlob). */
    public byte[] chunk(byte[] digest) {
        return connection.call("GET", "/chunk?digest=" + HexFormat.of().formatHex(digest), null, null).body();
    }

    @Override
    public void close() {
        connection.close();
    }
}
