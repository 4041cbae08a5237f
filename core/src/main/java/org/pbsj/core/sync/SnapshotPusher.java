package org.pbsj.core.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.client.BackupTarget;
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

/**
 * Pushes one local snapshot through a backup session on the target, under a shared lock on the
 * local snapshot. The indexes of the session's base snapshot that share a name with one of ours
 * are downloaded ({@code GET /previous}), which makes their chunks known to the session: only
 * chunks neither known nor uploaded before in the session travel. Each index is rebuilt on the
 * target with the same digests, offsets and checksum; blobs, the client log and finally the
 * manifest go up as stored, byte for byte.
 */
final class SnapshotPusher {
    /** Digests per {@code PUT} append. */
    static final int APPEND_BATCH = 128;

    private final Datastore source;
    private final PushTarget target;
    private final JobLog log;
    private final BooleanSupplier aborted;
    private final Executor pool;
    private final int parallelism;
    private final RateLimiter limiter;
    private final SyncStats stats;

    SnapshotPusher(Datastore source, PushTarget target, JobLog log, BooleanSupplier aborted, Executor pool,
            int parallelism, RateLimiter limiter, SyncStats stats) {
        this.source = source;
        this.target = target;
        this.log = log;
        this.aborted = aborted;
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
        this.limiter = limiter;
        this.stats = stats;
    }

    /** Pushes {@code src} as {@code dst}; false if it vanished or has no usable manifest. */
    boolean push(BackupDir src, BackupDir dst) {
        try (Flock lock = source.lockSnapshot(src, Flock.Mode.SHARED)) {
            Path dir = source.snapshotPath(src);
            byte[] raw;
            BackupManifest manifest;
            try {
                raw = Files.readAllBytes(dir.resolve(BackupDir.MANIFEST));
                manifest = ManifestCodec.parse(DataBlobCodec.decode(DataBlobCodec.load(raw, BackupDir.MANIFEST), null, null));
            } catch (NoSuchFileException e) {
                log.info("snapshot " + src + " vanished since start of sync");
                return false;
            } catch (PbsFormatException e) {
                log.warn("skipping snapshot " + src + ": unusable manifest - " + e.getMessage());
                return false;
            }
            log.info("push snapshot " + src + (src.equals(dst) ? "" : " as " + dst));
            try (BackupTarget session = target.startBackup(dst)) {
                Set<String> previous = previousArchives(session);
                for (FileInfo f : manifest.files()) {
                    JobLog.checkAbort(aborted);
                    Path file = dir.resolve(f.filename());
                    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        throw new SyncException("file '" + f.filename() + "' of " + src + " does not exist, aborting upload");
                    }
                    if (ArchiveType.fromFileName(f.filename()) == ArchiveType.BLOB) {
                        upload(session, f.filename(), Files.readAllBytes(file));
                    } else {
                        DigestSet known = new DigestSet();
                        if (previous.contains(f.filename())) {
                            registerPrevious(session, f.filename(), known);
                        }
                        pushIndex(session, f.filename(), IndexFile.open(file), known);
                    }
                    stats.files.incrementAndGet();
                }
                Path clientLog = dir.resolve(BackupDir.CLIENT_LOG);
                if (Files.isRegularFile(clientLog, LinkOption.NOFOLLOW_LINKS)) {
                    upload(session, BackupDir.CLIENT_LOG, Files.readAllBytes(clientLog));
                }
                upload(session, BackupDir.MANIFEST, raw);
                session.finish();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + src, e);
        }
    }

    private void upload(BackupTarget session, String name, byte[] blob) {
        limiter.acquire(blob.length);
        session.uploadBlob(name, blob);
        stats.bytesDownloaded.addAndGet(blob.length);
    }

    /** Archive names of the session's base snapshot (none if there is no base or its manifest is unusable). */
    private Set<String> previousArchives(BackupTarget session) {
        Set<String> names = new HashSet<>();
        if (session.previousBackupTime().isEmpty()) {
            return names;
        }
        try {
            byte[] raw = session.downloadPrevious(BackupDir.MANIFEST);
            BackupManifest m = ManifestCodec.parse(DataBlobCodec.decode(DataBlobCodec.load(raw, BackupDir.MANIFEST), null, null));
            m.files().forEach(f -> names.add(f.filename()));
        } catch (RuntimeException e) {
            log.info("could not download previous manifest - " + e.getMessage());
        }
        return names;
    }

    /** Downloads the base snapshot's index of this name: its chunks become known to the session. */
    private void registerPrevious(BackupTarget session, String name, DigestSet known) {
        try {
            IndexFile previous = IndexFile.wrap(ByteBuffer.wrap(session.downloadPrevious(name)), name);
            for (int i = 0; i < previous.count(); i++) {
                known.add(previous.digest(i));
            }
        } catch (RuntimeException e) {
            log.info("could not download previous index '" + name + "' - " + e.getMessage());
        }
    }

    private void pushIndex(BackupTarget session, String name, IndexFile index, DigestSet known) {
        boolean fixed = ArchiveType.fromFileName(name) == ArchiveType.FIXED_INDEX;
        int wid = fixed ? session.createFixedIndex(name, index.size(), null) : session.createDynamicIndex(name);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < index.count(); i++) {
            if (known.add(index.digest(i))) {
                todo.add(i);
            } else {
                stats.chunksPresent.incrementAndGet();
            }
        }
        uploadChunks(session, fixed, wid, index, todo);
        List<byte[]> digests = new ArrayList<>(APPEND_BATCH);
        List<Long> offsets = new ArrayList<>(APPEND_BATCH);
        for (int i = 0; i < index.count(); i++) {
            digests.add(index.digest(i));
            offsets.add(index.chunkStart(i));
            if (digests.size() == APPEND_BATCH || i == index.count() - 1) {
                session.append(fixed, wid, List.copyOf(digests), List.copyOf(offsets));
                digests.clear();
                offsets.clear();
            }
        }
        session.closeIndex(fixed, wid, index.count(), index.size(), index.computeCsum());
    }

    /** Uploads the chunks at the given positions as stored, {@code parallelism} at a time. */
    private void uploadChunks(BackupTarget session, boolean fixed, int wid, IndexFile index, List<Integer> todo) {
        Semaphore inFlight = new Semaphore(parallelism);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int i : todo) {
            if (failure.get() != null || aborted.getAsBoolean()) {
                break;
            }
            inFlight.acquireUninterruptibly();
            Runnable work = () -> {
                try {
                    byte[] digest = index.digest(i);
                    byte[] raw = source.chunkStore().read(digest);
                    limiter.acquire(raw.length);
                    session.uploadChunk(fixed, wid, digest, index.chunkLength(i), raw);
                    stats.chunksDownloaded.incrementAndGet();
                    stats.bytesDownloaded.addAndGet(raw.length);
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
        inFlight.acquireUninterruptibly(parallelism);
        inFlight.release(parallelism);
        if (failure.get() != null) {
            throw failure.get();
        }
        if (aborted.getAsBoolean()) {
            throw new JobAbortedException();
        }
    }
}
