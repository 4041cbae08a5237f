package org.pbsj.core.sync;

import java.util.List;
import java.util.Optional;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;

/**
 * Where a sync (pull) reads from ({@code datastore-jobs.md} §4): a datastore of a remote server
 * (its REST API and reader protocol) or, for tests and local syncs, anything else that can list
 * and hand out snapshots as stored. Everything is transferred raw: files as stored, chunks as the
 * encoded DataBlobs; nothing is decoded or decrypted on the way.
 */
public interface SyncSource extends AutoCloseable {

    /** A snapshot of the source; unfinished ones (no manifest yet, "no size") are listed but never pulled. */
    record SourceSnapshot(BackupDir dir, boolean finished) {
    }

    /** {@code anchor} and the namespaces below it, down to {@code maxDepth} levels. */
    List<BackupNamespace> namespaces(BackupNamespace anchor, int maxDepth);

    /** The groups of a source namespace. */
    List<BackupGroup> groups(BackupNamespace ns);

    /** The snapshots of a source group, in any order. */
    List<SourceSnapshot> snapshots(BackupGroup group);

    /** A reading session on one snapshot (the reader protocol's session). */
    SnapshotReader open(BackupDir dir);

    /** Files and chunks of one source snapshot. Thread-safe: chunks are fetched concurrently. */
    interface SnapshotReader extends AutoCloseable {
        /** The file as stored; empty if the snapshot has no such file (HTTP 404). */
        Optional<byte[]> download(String fileName);

        /** A chunk as stored (encoded DataBlob); only chunks of an index downloaded before. */
        byte[] chunk(byte[] digest);

        @Override
        void close();
    }

    @Override
    void close();
}
