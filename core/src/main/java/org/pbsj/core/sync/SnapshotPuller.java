package org.pbsj.core.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.ArchiveType;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.job.DigestSet;
import org.pbsj.core.job.JobAbortedException;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.AtomicFiles;

/**
 * Transfers one snapshot ({@code datastore-jobs.md} §4.2 step 5). A new snapshot is assembled in
 * a hidden temporary directory of its group ({@code .<time>.tmp}, which no listing shows) and
 * renamed into place when complete, its manifest written last; an existing one (the newest local
 * snapshot, pulled again) is updated file by file, each written aside and renamed, the manifest
 * last. Only chunks missing from the local chunk store are downloaded, each at most once per group.
 */
final class SnapshotPuller {
    private final Datastore target;
    private final JobLog log;
    private final BooleanSupplier aborted;
    private final Executor pool;
    private final int parallelism;
    private final RateLimiter limiter;
    private final SyncStats stats;

    SnapshotPuller(Datastore target, JobLog log, BooleanSupplier aborted, Executor pool, int parallelism,
            RateLimiter limiter, SyncStats stats) {
        this.target = target;
        this.log = log;
        this.aborted = aborted;
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
        this.limiter = limiter;
        this.stats = stats;
    }

    /** Pulls the reader's snapshot into {@code dst}; false if it vanished from the source meanwhile. */
    boolean pull(SyncSource.SnapshotReader reader, BackupDir dst, DigestSet downloaded) {
        Optional<byte[]> raw = reader.download(BackupDir.MANIFEST);
        if (raw.isEmpty()) {
            log.info("snapshot " + dst + " vanished since start of sync");
            return false;
        }
        BackupManifest manifest;
        try {
            manifest = ManifestCodec.parse(DataBlobCodec.decode(DataBlobCodec.load(raw.get(), BackupDir.MANIFEST), null, null));
        } catch (PbsFormatException e) {
            log.info("snapshot " + dst + " vanished since start of sync (unusable manifest: " + e.getMessage() + ")");
            return false;
        }
        count(raw.get().length);
        if (Files.isDirectory(target.snapshotPath(dst), LinkOption.NOFOLLOW_LINKS)) {
            update(reader, dst, raw.get(), manifest, downloaded);
        } else {
            create(reader, dst, raw.get(), manifest, downloaded);
        }
        return true;
    }

    private void create(SyncSource.SnapshotReader reader, BackupDir dst, byte[] raw, BackupManifest manifest,
            DigestSet downloaded) {
        log.info("sync snapshot " + dst);
        Path group = target.groupPath(dst.group());
        Path tmp = group.resolve("." + dst.timeString() + ".tmp");
        try {
            deleteTree(tmp); // a leftover of an interrupted run
            Files.createDirectory(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tmp, e);
        }
        boolean done = false;
        try (Flock lock = Flock.tryLockDirectory(tmp, Flock.Mode.EXCLUSIVE, "snapshot", "sync already running")) {
            for (FileInfo f : manifest.files()) {
                fetch(reader, f, tmp, downloaded);
            }
            reader.download(BackupDir.CLIENT_LOG).ifPresent(b -> {
                count(b.length);
                write(tmp.resolve(BackupDir.CLIENT_LOG), b);
            });
            write(tmp.resolve(BackupDir.MANIFEST), raw);
            Files.move(tmp, target.snapshotPath(dst), StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(group);
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " into place", e);
        } finally {
            if (!done) {
                try {
                    deleteTree(tmp);
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot remove " + tmp + ": " + e.getMessage());
                }
            }
        }
    }

    private void update(SyncSource.SnapshotReader reader, BackupDir dst, byte[] raw, BackupManifest manifest,
            DigestSet downloaded) {
        Path dir = target.snapshotPath(dst);
        try (Flock lock = target.lockSnapshot(dst, Flock.Mode.EXCLUSIVE)) {
            Path manifestPath = dir.resolve(BackupDir.MANIFEST);
            if (Files.isRegularFile(manifestPath) && Arrays.equals(Files.readAllBytes(manifestPath), raw)) {
                log.info("re-sync snapshot " + dst + " - no data changes");
                pullClientLog(reader, dir);
                return;
            }
            log.info("re-sync snapshot " + dst);
            for (FileInfo f : manifest.files()) {
                if (matches(dir.resolve(f.filename()), f)) {
                    continue;
                }
                fetch(reader, f, dir, downloaded);
            }
            write(manifestPath, raw);
            pullClientLog(reader, dir);
            removeUnreferenced(dir, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update snapshot " + dst, e);
        }
    }

    private void pullClientLog(SyncSource.SnapshotReader reader, Path dir) {
        Path logFile = dir.resolve(BackupDir.CLIENT_LOG);
        if (!Files.exists(logFile)) {
            reader.download(BackupDir.CLIENT_LOG).ifPresent(b -> {
                count(b.length);
                write(logFile, b);
            });
        }
    }

    /** Downloads one file of the manifest, checks it against the manifest, pulls an index's chunks, stores it. */
    private void fetch(SyncSource.SnapshotReader reader, FileInfo f, Path dir, DigestSet downloaded) {
        String name = f.filename();
        byte[] data = reader.download(name)
                .orElseThrow(() -> new SyncException("file '" + name + "' of the manifest is missing on the source"));
        count(data.length);
        if (ArchiveType.fromFileName(name) == ArchiveType.BLOB) {
            if (data.length != f.size() || !f.csumEquals(CryptConfig.sha256(data))) {
                throw new SyncException("blob '" + name + "' does not match the manifest (size or checksum)");
            }
        } else {
            IndexFile index = IndexFile.wrap(ByteBuffer.wrap(data), name);
            if (index.size() != f.size() || !f.csumEquals(index.computeCsum())) {
                throw new SyncException("index '" + name + "' does not match the manifest (size or checksum)");
            }
            pullChunks(reader, index, f.chunksEncrypted(), downloaded);
        }
        write(dir.resolve(name), data);
        stats.files.incrementAndGet();
    }

    /** A local file already equal to the manifest's entry (recomputed csum and size). */
    private static boolean matches(Path file, FileInfo f) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            if (ArchiveType.fromFileName(f.filename()) == ArchiveType.BLOB) {
                byte[] data = Files.readAllBytes(file); // blobs are small (≤ 16 MiB + header)
                return data.length == f.size() && f.csumEquals(CryptConfig.sha256(data));
            }
            IndexFile index = IndexFile.open(file);
            return index.size() == f.size() && f.csumEquals(index.computeCsum());
        } catch (IOException | PbsFormatException e) {
            return false;
        }
    }

    private void pullChunks(SyncSource.SnapshotReader reader, IndexFile index, boolean encrypted, DigestSet downloaded) {
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < index.count(); i++) {
            byte[] d = index.digest(i);
            if (!downloaded.add(d)) {
                continue;
            }
            if (target.chunkStore().touchIfExists(d)) {
                stats.chunksPresent.incrementAndGet();
            } else {
                todo.add(i);
            }
        }
        Semaphore inFlight = new Semaphore(parallelism);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int i : todo) {
            if (failure.get() != null || aborted.getAsBoolean()) {
                break;
            }
            inFlight.acquireUninterruptibly();
            Runnable work = () -> {
                try {
                    pullChunk(reader, index.digest(i), index.chunkLength(i), encrypted);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            };
            try {
                pool.execute(work);
            } catch (RejectedExecutionException e) {
                work.run();
            }
        }
        inFlight.acquireUninterruptibly(parallelism); // all started downloads are done
        inFlight.release(parallelism);
        if (failure.get() != null) {
            throw failure.get();
        }
        if (aborted.getAsBoolean()) {
            throw new JobAbortedException();
        }
    }

    private void pullChunk(SyncSource.SnapshotReader reader, byte[] digest, long size, boolean encrypted) {
        String hex = HexFormat.of().formatHex(digest);
        byte[] raw = reader.chunk(digest);
        limiter.acquire(raw.length);
        DataBlob blob = DataBlobCodec.load(raw, "chunk " + hex); // checks the CRC
        if (blob.isEncrypted() != encrypted) {
            throw new SyncException("chunk " + hex + " has wrong crypt mode (archive is "
                    + (encrypted ? "encrypted" : "not encrypted") + ")");
        }
        if (!encrypted) {
            DataBlobCodec.verifyUnencrypted(blob, size, digest);
        }
        target.chunkStore().insert(digest, raw);
        stats.chunksDownloaded.incrementAndGet();
        stats.bytesDownloaded.addAndGet(raw.length);
    }

    private void count(long bytes) {
        limiter.acquire(bytes);
        stats.bytesDownloaded.addAndGet(bytes);
    }

    private void write(Path file, byte[] data) {
        AtomicFiles.replace(file, data, target.options().syncLevel());
    }

    /**
     * Regular files other than the manifest and the client log that the new manifest does not
     * list (datastore-layout.md §6). Unlike PBS, hidden files ({@code .protected}, lock files) stay.
     */
    private void removeUnreferenced(Path dir, BackupManifest manifest) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || n.startsWith(".") || n.equals(BackupDir.MANIFEST)
                        || n.equals(BackupDir.CLIENT_LOG) || manifest.lookupFile(n).isPresent()) {
                    continue;
                }
                log.info("delete vanished file " + n);
                Files.delete(p);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
