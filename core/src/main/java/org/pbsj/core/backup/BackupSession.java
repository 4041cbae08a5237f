package org.pbsj.core.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.DynamicIndexV1;
import org.pbsj.core.index.FixedIndexV1;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.AtomicFiles;

/**
 * The server side of one backup session ({@code backup-protocol.md} §4–§7) on a datastore: the
 * writers, the chunks the client has proven to have, the statistics, and the snapshot that
 * becomes visible only through {@link #finish}. {@link #close} without a finish removes the
 * snapshot. Thread-safe: uploads decode and store chunks in parallel; every state change runs
 * under the session's monitor, as PBS serialises them under one mutex.
 */
public final class BackupSession implements AutoCloseable {
    public static final long FIXED_CHUNK_SIZE = 4L << 20;
    static final int MAX_WRITERS = 256;

    private final Datastore store;
    private final BackupDir dir;
    private final Path snapshotPath;
    private final BackupDir base;
    private final Clock clock;
    private final List<AutoCloseable> locks;
    private final Map<Integer, SessionIndexWriter> writers = new HashMap<>();
    private final Map<ChunkKey, Long> knownChunks = new HashMap<>();
    private final UploadStats stats = new UploadStats();
    private int widCounter;
    private int fileCounter;
    private boolean finished;
    private boolean closed;

    BackupSession(Datastore store, BackupDir dir, BackupDir base, Clock clock, List<AutoCloseable> locks) {
        this.store = store;
        this.dir = dir;
        this.snapshotPath = store.snapshotPath(dir);
        this.base = base;
        this.clock = clock;
        this.locks = locks;
    }

    /** Opens a session: group lock and owner check, base snapshot, new snapshot directory (§2.1 7–11). */
    public static BackupSession start(Datastore store, BackupDir dir, String authId, Clock clock) {
        return SessionStarter.start(store, dir, authId, clock);
    }

    public BackupDir snapshot() {
        return dir;
    }

    public Path snapshotPath() {
        return snapshotPath;
    }

    public Optional<BackupDir> base() {
        return Optional.ofNullable(base);
    }

    public synchronized boolean isFinished() {
        return finished;
    }

    /** {@code GET /previous_backup_time}. */
    public Optional<Long> previousBackupTime() {
        return base().map(BackupDir::time);
    }

    /** {@code POST /blob}: a complete DataBlob, CRC checked, stored atomically. */
    public void uploadBlob(String fileName, long encodedSize, byte[] body) {
        checkNotFinished();
        validName(fileName);
        if (!fileName.endsWith(".blob")) {
            throw new BackupProtocolException("wrong blob file extension");
        }
        if (body.length != encodedSize) {
            throw new BackupProtocolException("got blob with unexpected length (" + body.length + " != " + encodedSize + ")");
        }
        if (encodedSize < DataBlobCodec.MIN_BLOB_ENCODED_SIZE || encodedSize > DataBlobCodec.MAX_BLOB_UPLOAD_SIZE) {
            throw new BackupProtocolException("blob encoded-size " + encodedSize + " out of range");
        }
        DataBlobCodec.load(body, fileName);
        AtomicFiles.replace(snapshotPath.resolve(fileName), body, store.options().syncLevel());
        synchronized (this) {
            checkNotFinished();
            fileCounter++;
        }
    }

    /** {@code POST /dynamic_index}. */
    public synchronized int createDynamicIndex(String archiveName) {
        checkNotFinished();
        requireArchive(archiveName, ".didx");
        return register(SessionIndexWriter.dynamic(archiveName, snapshotPath.resolve(archiveName), clock));
    }

    /** {@code POST /fixed_index}; with {@code reuseCsum} the base snapshot's index is copied in. */
    public synchronized int createFixedIndex(String archiveName, long size, String reuseCsum) {
        checkNotFinished();
        requireArchive(archiveName, ".fidx");
        if (size < 1) {
            throw new BackupProtocolException("fixed index size must be at least 1");
        }
        FixedIndexV1 previous = reuseCsum == null ? null : previousFixedIndex(archiveName, reuseCsum);
        return register(SessionIndexWriter.fixed(archiveName, snapshotPath.resolve(archiveName), size,
                FIXED_CHUNK_SIZE, previous, clock));
    }

    private FixedIndexV1 previousFixedIndex(String archiveName, String reuseCsum) {
        if (base == null) {
            throw new BackupProtocolException("cannot reuse index - no valid previous backup exists");
        }
        Path prev = store.snapshotPath(base).resolve(archiveName);
        if (!Files.exists(prev)) {
            throw new BackupProtocolException("cannot reuse index - no previous backup exists for archive");
        }
        try {
            FixedIndexV1 idx = FixedIndexV1.open(prev);
            String csum = HexFormat.of().formatHex(idx.computeCsum());
            if (!csum.equals(reuseCsum.toLowerCase(java.util.Locale.ROOT))) {
                throw new BackupProtocolException("expected csum (" + reuseCsum
                        + ") doesn't match last backup's (" + csum + "), cannot do incremental backup");
            }
            return idx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int register(SessionIndexWriter w) {
        if (widCounter >= MAX_WRITERS) {
            w.abort();
            throw new BackupProtocolException("too many index writers in this session");
        }
        int wid = ++widCounter;
        writers.put(wid, w);
        return wid;
    }

    /**
     * {@code POST /dynamic_chunk} and {@code /fixed_chunk}: verifies (unencrypted chunks: digest
     * and size), stores, and registers the chunk as known. Returns the digest in hex.
     */
    public String uploadChunk(boolean fixed, int wid, byte[] digest, long size, long encodedSize, byte[] body) {
        checkNotFinished();
        if (body.length > encodedSize) {
            throw new BackupProtocolException("uploaded chunk is larger than announced.");
        }
        if (body.length != encodedSize) {
            throw new BackupProtocolException("uploaded chunk has unexpected size.");
        }
        if (size < 1 || size > DataBlobCodec.MAX_CHUNK_SIZE) {
            throw new BackupProtocolException("chunk size " + size + " out of range");
        }
        if (encodedSize < DataBlobCodec.MIN_CHUNK_ENCODED_SIZE || encodedSize > DataBlobCodec.MAX_CHUNK_ENCODED_SIZE) {
            throw new BackupProtocolException("chunk encoded-size " + encodedSize + " out of range");
        }
        synchronized (this) {
            writer(wid, fixed);
        }
        String hex = HexFormat.of().formatHex(digest);
        DataBlob blob;
        try {
            blob = DataBlobCodec.load(body, "chunk " + hex);
            DataBlobCodec.verifyUnencrypted(blob, size, digest);
        } catch (PbsFormatException e) {
            throw new BackupProtocolException(400, e.getMessage(), e);
        }
        boolean duplicate = store.chunkStore().insert(digest, ByteBuffer.wrap(body)).duplicate();
        synchronized (this) {
            checkNotFinished();
            SessionIndexWriter w = writer(wid, fixed);
            w.registerUpload(size, encodedSize, duplicate);
            knownChunks.put(new ChunkKey(digest), size);
        }
        return hex;
    }

    /** {@code PUT /dynamic_index} or {@code /fixed_index}: appends chunks the session knows. */
    public synchronized void append(boolean fixed, int wid, List<byte[]> digests, List<Long> offsets) {
        checkNotFinished();
        if (digests.size() != offsets.size()) {
            throw new BackupProtocolException("offset list has wrong length");
        }
        SessionIndexWriter w = writer(wid, fixed);
        for (int i = 0; i < digests.size(); i++) {
            byte[] digest = digests.get(i);
            Long size = knownChunks.get(new ChunkKey(digest));
            if (size == null) {
                throw new BackupProtocolException("no such chunk " + HexFormat.of().formatHex(digest));
            }
            w.append(digest, offsets.get(i), size);
        }
    }

    /** {@code POST /dynamic_close} and {@code /fixed_close}. */
    public synchronized void closeIndex(boolean fixed, int wid, long chunkCount, long size, byte[] csum) {
        checkNotFinished();
        SessionIndexWriter w = writer(wid, fixed);
        writers.remove(wid);
        w.close(chunkCount, size, csum, store.options().syncLevel());
        stats.addAll(w.stats());
        fileCounter++;
    }

    /**
     * {@code GET /previous}: the file of the base snapshot; an index registers all its chunks as
     * known (the client proved it has them by asking for the same archive).
     */
    public Path previousFile(String archiveName) {
        if (base == null) {
            throw new BackupProtocolException("no valid previous backup");
        }
        validName(archiveName);
        Path file = store.snapshotPath(base).resolve(archiveName);
        if (!Files.isRegularFile(file)) {
            throw new BackupProtocolException(404, "file '" + archiveName + "' not found in previous backup");
        }
        try {
            if (archiveName.endsWith(".fidx")) {
                FixedIndexV1 idx = FixedIndexV1.open(file);
                registerAll(idx.count(), idx::digest, i -> idx.chunkEnd(i) - idx.chunkStart(i));
            } else if (archiveName.endsWith(".didx")) {
                DynamicIndexV1 idx = DynamicIndexV1.open(file);
                registerAll(idx.count(), idx::digest, i -> idx.chunkEnd(i) - idx.chunkStart(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private synchronized void registerAll(int count, java.util.function.IntFunction<byte[]> digest,
            java.util.function.IntToLongFunction size) {
        for (int i = 0; i < count; i++) {
            knownChunks.put(new ChunkKey(digest.apply(i)), size.applyAsLong(i));
        }
    }

    /** {@code POST /finish} (§5.9): adds upload statistics to the manifest, syncs, marks finished. */
    public synchronized void finish() {
        checkNotFinished();
        if (!writers.isEmpty()) {
            throw new BackupProtocolException("found open index writer - unable to finish backup");
        }
        if (fileCounter == 0) {
            throw new BackupProtocolException("backup does not contain valid files (file count == 0)");
        }
        Path manifest = snapshotPath.resolve(BackupDir.MANIFEST);
        if (!Files.exists(manifest)) {
            throw new BackupProtocolException("unable to load manifest " + BackupDir.MANIFEST + " - missing");
        }
        try (Flock ignored = store.lockManifest(dir)) {
            DataBlob blob = DataBlobCodec.read(manifest);
            byte[] json = DataBlobCodec.decode(blob, null, null);
            byte[] updated = ManifestCodec.updateUnprotected(json,
                    u -> u.put("chunk_upload_stats", stats.toJson()));
            DataBlob encoded = DataBlobCodec.encode(updated, null, true);
            AtomicFiles.replace(manifest, encoded.raw(), store.options().syncLevel());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PbsFormatException e) {
            throw new BackupProtocolException(400, "unable to load manifest: " + e.getMessage(), e);
        }
        if (base != null && !Files.isDirectory(store.snapshotPath(base))) {
            throw new BackupProtocolException("base snapshot " + base + " was removed during backup, cannot finish as chunks might be missing");
        }
        store.syncOnFinish();
        finished = true;
    }

    /**
     * Ends the session: releases the locks and, unless {@link #finish} succeeded, removes the
     * snapshot directory with whatever was written into it.
     */
    @Override
    public void close() {
        List<SessionIndexWriter> open;
        boolean keep;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(writers.values());
            writers.clear();
            keep = finished;
        }
        open.forEach(SessionIndexWriter::abort);
        try {
            if (!keep) {
                store.removeSnapshot(dir, true);
            }
        } finally {
            for (int i = locks.size() - 1; i >= 0; i--) {
                try {
                    locks.get(i).close();
                } catch (Exception e) {
                    // releasing a lock cannot be retried; the fd is gone either way
                }
            }
        }
    }

    private SessionIndexWriter writer(int wid, boolean fixed) {
        SessionIndexWriter w = writers.get(wid);
        if (w == null || w.isFixed() != fixed) {
            throw new BackupProtocolException((fixed ? "fixed" : "dynamic") + " writer '" + wid + "' not registered");
        }
        return w;
    }

    private void checkNotFinished() {
        if (finished) {
            throw new BackupProtocolException("backup already marked as finished.");
        }
        if (closed) {
            throw new BackupProtocolException("backup session is closed.");
        }
    }

    private static void validName(String name) {
        try {
            ArchiveNames.requireValid(name);
        } catch (IllegalArgumentException | PbsFormatException e) {
            throw new BackupProtocolException(e.getMessage());
        }
    }

    private static void requireArchive(String name, String extension) {
        if (name != null && !name.endsWith(extension)) {
            throw new BackupProtocolException("wrong archive extension: '" + name + "'");
        }
        validName(name);
    }

    /** A digest usable as a map key. */
    record ChunkKey(byte[] digest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ChunkKey k && java.util.Arrays.equals(digest, k.digest);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(digest);
        }
    }
}
