package org.pbsj.core.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.datastore.SnapshotManifests;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.store.LockedException;
import org.pbsj.core.store.StoreException;
import org.pbsj.core.task.Upid;

/**
 * One verification run (datastore-jobs.md §2): snapshots are checked file by file, chunks at
 * most once per run, and the result is written to the manifest's {@code unprotected.verify_state}
 * as {@code {"state": "ok"|"failed", "upid": <this run's UPID>}} under the manifest lock.
 *
 * <p>Scopes: {@link #snapshots(Datastore, BackupNamespace, int)} and
 * {@link #snapshots(Datastore, BackupGroup)} list what to verify, in PBS's order;
 * {@link #verifySnapshot} does one, so a batch job can checkpoint after each. Thread-safe for
 * sequential use of {@link #verifySnapshot} from any one thread at a time.
 */
public final class Verifier {
    /** {@code ignore-verified} (default true) and {@code outdated-after} (days, optional). */
    public record Options(boolean ignoreVerified, Long outdatedAfterDays) {
        public static final Options DEFAULT = new Options(true, null);
    }

    public enum Outcome {
        OK, FAILED, SKIPPED;

        public boolean failed() {
            return this == FAILED;
        }
    }

    private final Datastore store;
    private final Options options;
    private final String upid;
    private final Clock clock;
    private final JobLog log;
    private final BooleanSupplier aborted;
    private final ChunkVerifier chunks;

    /**
     * @param pool        runs the chunk checks; must offer {@code parallelism} threads
     * @param parallelism chunks checked at a time (PBS uses 4 decoder threads; 2 suits 2 cores)
     */
    private java.util.Set<String> earlierRuns = java.util.Set.of();

    public Verifier(Datastore store, Options options, String upid, Clock clock, JobLog log, BooleanSupplier aborted,
            Executor pool, int parallelism) {
        this.store = store;
        this.options = options;
        this.upid = upid;
        this.clock = clock;
        this.log = log;
        this.aborted = aborted;
        this.chunks = new ChunkVerifier(store.chunkStore(), log, aborted, pool, parallelism);
    }

    /** Snapshots below {@code ns} down to {@code maxDepth}: groups in PBS order without host/benchmark, newest first. */
    public static List<BackupDir> snapshots(Datastore store, BackupNamespace ns, int maxDepth) {
        List<BackupDir> out = new ArrayList<>();
        for (BackupNamespace n : store.listNamespacesRecursive(ns, maxDepth)) {
            for (BackupGroup g : store.listGroups(n)) {
                if (!(g.type() == BackupType.HOST && g.id().equals("benchmark"))) {
                    out.addAll(snapshots(store, g));
                }
            }
        }
        return out;
    }

    /** The snapshots of one group, newest first. */
    public static List<BackupDir> snapshots(Datastore store, BackupGroup g) {
        List<BackupDir> list = new ArrayList<>(store.listSnapshots(g));
        java.util.Collections.reverse(list);
        return list;
    }

    /** Chunks verified good so far in this run. */
    public int verifiedChunks() {
        return chunks.verifiedCount();
    }

    /** Chunks found corrupt so far in this run. */
    public int corruptChunks() {
        return chunks.corruptCount();
    }

    /** Verifies each snapshot in order; returns the failed ones. */
    public List<BackupDir> verifyAll(List<BackupDir> dirs) {
        List<BackupDir> failed = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            JobLog.checkAbort(aborted);
            if (verifySnapshot(dirs.get(i)).failed()) {
                failed.add(dirs.get(i));
            }
            log.info("percentage done: " + String.format(Locale.ROOT, "%.2f", (i + 1) * 100.0 / dirs.size()) + "% ("
                    + (i + 1) + "/" + dirs.size() + " snapshots)");
        }
        return failed;
    }

    /**
     * A restarted job: snapshots whose verify state was written by one of {@code upids} (the
     * job's earlier, interrupted tasks) count with that state and are not verified again.
     */
    public Verifier continuing(java.util.Collection<String> upids) {
        earlierRuns = java.util.Set.copyOf(upids);
        return this;
    }

    /** The state an earlier task of this job wrote, if it did. */
    private java.util.Optional<String> stateFromEarlierRun(BackupManifest m) {
        if (m.unprotected().get(BackupManifest.VERIFY_STATE) instanceof Map<?, ?> state
                && state.get("upid") instanceof String u && earlierRuns.contains(u)
                && state.get("state") instanceof String st) {
            return java.util.Optional.of(st);
        }
        return java.util.Optional.empty();
    }

    /** Verifies one snapshot under its shared lock (§2.2); vanished or busy snapshots are skipped. */
    public Outcome verifySnapshot(BackupDir d) {
        String label = store.name() + ":" + d;
        if (!Files.isDirectory(store.snapshotPath(d), LinkOption.NOFOLLOW_LINKS)) {
            log.info("SKIPPED: verify " + label + " - snapshot does not exist (anymore)");
            return Outcome.SKIPPED;
        }
        Flock lock;
        try {
            lock = store.lockSnapshot(d, Flock.Mode.SHARED);
        } catch (LockedException e) {
            log.info("SKIPPED: verify " + label + " - could not acquire snapshot lock: " + e.getMessage());
            return Outcome.SKIPPED;
        }
        try (lock) {
            BackupManifest manifest;
            try {
                manifest = SnapshotManifests.load(store, d).manifest();
            } catch (StoreException | PbsFormatException | UncheckedIOException e) {
                log.info("verify " + label + " - manifest load error: " + e.getMessage());
                return Outcome.FAILED;
            }
            java.util.Optional<String> earlier = stateFromEarlierRun(manifest);
            if (earlier.isPresent()) {
                log.info("verify " + label + " - done before the restart: " + earlier.get());
                return "ok".equals(earlier.get()) ? Outcome.OK : Outcome.FAILED;
            }
            if (!shouldVerify(manifest)) {
                log.info("SKIPPED: verify " + label + " (recently verified)");
                return Outcome.SKIPPED;
            }
            log.info("verify " + label);
            boolean ok = true;
            for (FileInfo f : manifest.files()) {
                log.info("  check " + f.filename());
                try {
                    if (f.filename().endsWith(".blob")) {
                        verifyBlob(d, f);
                    } else {
                        verifyIndex(d, f);
                    }
                } catch (PbsFormatException | StoreException | UncheckedIOException | IOException
                        | IllegalStateException e) {
                    log.info("verify " + label + "/" + f.filename() + " failed: " + e.getMessage());
                    ok = false;
                }
            }
            writeState(d, ok);
            return ok ? Outcome.OK : Outcome.FAILED;
        }
    }

    /** The filter of §2.1. */
    boolean shouldVerify(BackupManifest m) {
        if (!options.ignoreVerified()) {
            return true;
        }
        if (!(m.unprotected().get(BackupManifest.VERIFY_STATE) instanceof Map<?, ?> state)
                || !(state.get("upid") instanceof String u) || !(state.get("state") instanceof String)
                || !Upid.isValid(u)) {
            return true;
        }
        if (options.outdatedAfterDays() == null) {
            return false;
        }
        long days = (clock.instant().getEpochSecond() - Upid.parse(u).starttime()) / 86_400;
        return days > options.outdatedAfterDays();
    }

    private void verifyBlob(BackupDir d, FileInfo f) throws IOException {
        DataBlob blob = DataBlobCodec.read(store.snapshotPath(d).resolve(f.filename()));
        if (blob.size() != f.size()) {
            throw new IllegalStateException("wrong size (" + f.size() + " != " + blob.size() + ")");
        }
        if (!f.csumEquals(CryptConfig.sha256(blob.raw()))) {
            throw new IllegalStateException("wrong index checksum");
        }
        if (f.cryptMode() == CryptMode.SIGN_ONLY && blob.isEncrypted()) {
            throw new IllegalStateException("Invalid CryptMode for blob");
        }
        if (!blob.isEncrypted()) {
            DataBlobCodec.decode(blob, null, null);
        }
    }

    private void verifyIndex(BackupDir d, FileInfo f) throws IOException {
        Path p = store.snapshotPath(d).resolve(f.filename());
        if (!(f.filename().endsWith(".fidx") || f.filename().endsWith(".didx"))) {
            throw new IllegalStateException("unknown archive type");
        }
        IndexFile index = IndexFile.open(p);
        if (index.size() != f.size()) {
            throw new IllegalStateException("wrong size (" + f.size() + " != " + index.size() + ")");
        }
        if (!f.csumEquals(index.computeCsum())) {
            throw new IllegalStateException("wrong index checksum");
        }
        long start = System.nanoTime();
        ChunkVerifier.Stats s = chunks.verify(index, f.cryptMode() == CryptMode.ENCRYPT);
        double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double readMib = s.readBytes() / 1048576.0;
        double decodedMib = s.decodedBytes() / 1048576.0;
        log.info(String.format(Locale.ROOT, "  verified %.2f/%.2f MiB in %.2f seconds, speed %.2f/%.2f MiB/s (%d errors)",
                readMib, decodedMib, secs, readMib / secs, decodedMib / secs, s.errors()));
        if (s.errors() > 0) {
            throw new IllegalStateException("chunks could not be verified");
        }
    }

    private void writeState(BackupDir d, boolean ok) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", ok ? "ok" : "failed");
        state.put("upid", upid);
        try {
            SnapshotManifests.update(store, d, u -> u.put(BackupManifest.VERIFY_STATE, state));
        } catch (StoreException | PbsFormatException | UncheckedIOException e) {
            log.warn("verify " + store.name() + ":" + d + " - unable to update manifest: " + e.getMessage());
        }
    }
}
