package org.pbsj.core.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.gc.GcRun;
import org.pbsj.core.index.DynamicIndexWriter;
import org.pbsj.core.index.IndexSummary;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.LocalChunkStore;
import org.pbsj.core.store.SyncLevel;

/**
 * Garbage collection over a large datastore (not JMH: one run takes minutes and changes the
 * store). {@code prepare DIR} builds {@code DIR/store} once: {@code --chunks} small chunk files
 * (a few hundred bytes of text-like data each, zstd DataBlobs named by their digest, written
 * directly into the prefix directories) and {@code --snapshots} snapshots whose dynamic indexes
 * reference the even-numbered half of them, each twice. Every prepare (also on an existing
 * store) re-creates chunks a previous GC removed and sets the atime of every chunk to two days
 * ago, so GC's sweep removes the unreferenced half again.
 *
 * <p>{@code run DIR} times one {@link GcRun}: mark from {@code start} until the first sweep unit,
 * sweep from there to the end of the run, then {@code finish}. Prints {@code RESULT key=value}
 * lines for bench/jobs-bench.sh.
 */
public final class GcBench {
    private static final String MARKER = "gc-bench.properties";
    private static final String UPID = "UPID:bench:00000001:00000001:00000000:66000000:garbage_collection:bench:root@pam:";
    private static final String GROUP_ID = "gc-bench";
    private static final long FIRST_SNAPSHOT = 1_700_000_000L;

    private GcBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: GcBench prepare DIR [--chunks N] [--snapshots S] [--threads T] | GcBench run DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        int chunks = 1_000_000;
        int snapshots = 20;
        int threads = 2;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--snapshots" -> snapshots = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        switch (args[0]) {
            case "prepare" -> prepare(dir, chunks, snapshots, threads);
            case "run" -> run(dir);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static DatastoreOptions options(Path dir) {
        return new DatastoreOptions(SyncLevel.NONE, Clock.systemUTC(), dir.resolve("locks"));
    }

    /** Plain content of chunk {@code i}: 200..711 bytes of lower-case words, distinct per {@code i}. */
    static byte[] chunkData(int i) {
        SplittableRandom r = new SplittableRandom(0x9e3779b97f4a7c15L ^ i);
        StringBuilder sb = new StringBuilder("chunk ").append(i).append(':');
        int len = 200 + (i & 511);
        while (sb.length() < len) {
            sb.append(' ');
            int w = 2 + r.nextInt(8);
            for (int k = 0; k < w; k++) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
        }
        sb.setLength(len);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static void prepare(Path dir, int chunks, int snapshots, int threads) throws Exception {
        Path storePath = dir.resolve("store");
        Path marker = dir.resolve(MARKER);
        boolean fresh = !Files.exists(marker);
        long t = System.nanoTime();
        Datastore store;
        if (fresh) {
            if (Files.exists(storePath)) {
                throw new IllegalStateException(storePath + " exists without " + MARKER + ": remove it (--rebuild)");
            }
            Files.createDirectories(dir.resolve("locks"));
            store = Datastore.create("gcbench", storePath, options(dir));
            System.out.printf(Locale.ROOT, "created datastore (65536 prefix dirs) in %.1f s%n", secs(t));
        } else {
            Properties p = new Properties();
            try (var in = Files.newInputStream(marker)) {
                p.load(in);
            }
            chunks = Integer.parseInt(p.getProperty("chunks"));
            snapshots = Integer.parseInt(p.getProperty("snapshots"));
            store = Datastore.open("gcbench", storePath, options(dir));
            System.out.println("reusing datastore with " + chunks + " chunks, " + snapshots + " snapshots");
        }
        try (store) {
            LocalChunkStore cs = store.chunkStore();
            FileTime old = FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS));
            AtomicLong written = new AtomicLong();
            t = System.nanoTime();
            final int n = chunks;
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                final int first = w;
                final int step = threads;
                Thread th = new Thread(() -> {
                    for (int i = first; i < n; i += step) {
                        byte[] data = chunkData(i);
                        Path path = cs.chunkPath(CryptConfig.sha256(data));
                        try {
                            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                                try {
                                    Files.write(path, DataBlobCodec.encode(data, null, true).raw(),
                                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                                    written.incrementAndGet();
                                } catch (FileAlreadyExistsException e) {
                                    // another thread: cannot happen with distinct chunks
                                }
                            }
                            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                                    .setTimes(null, old, null);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }, "gc-prepare-" + w);
                th.start();
                workers.add(th);
            }
            for (Thread th : workers) {
                th.join();
            }
            System.out.printf(Locale.ROOT, "chunks: %d wrote, %d present, all aged to %s, in %.1f s%n",
                    written.get(), chunks - written.get(), old, secs(t));
            if (fresh) {
                t = System.nanoTime();
                writeSnapshots(store, chunks, snapshots);
                System.out.printf(Locale.ROOT, "%d snapshots written in %.1f s%n", snapshots, secs(t));
                Properties p = new Properties();
                p.setProperty("chunks", Integer.toString(chunks));
                p.setProperty("snapshots", Integer.toString(snapshots));
                try (var out = Files.newOutputStream(marker)) {
                    p.store(out, "GcBench datastore");
                }
            }
        }
    }

    /**
     * Snapshot k indexes the even chunks {@code 2·j} for j in {@code [k·R/S, k·R/S + 2R/S)} (mod R,
     * R = referenced chunks): every referenced chunk appears in two indexes.
     */
    private static void writeSnapshots(Datastore store, int chunks, int snapshots) throws IOException {
        int referenced = (chunks + 1) / 2;
        BackupGroup g = BackupGroup.of(BackupType.HOST, GROUP_ID);
        Files.createDirectories(store.groupPath(g));
        store.setOwner(g, "root@pam", true);
        for (int k = 0; k < snapshots; k++) {
            BackupDir d = g.snapshot(FIRST_SNAPSHOT + k * 3600L);
            Files.createDirectories(store.snapshotPath(d));
            int start = (int) ((long) k * referenced / snapshots);
            int count = (int) Math.min(referenced, 2L * referenced / snapshots);
            IndexSummary s;
            try (DynamicIndexWriter w = DynamicIndexWriter.create(store.snapshotPath(d).resolve("root.pxar.didx"),
                    Clock.systemUTC())) {
                long end = 0;
                for (int j = 0; j < count; j++) {
                    byte[] data = chunkData(2 * ((start + j) % referenced));
                    end += data.length;
                    w.add(end, CryptConfig.sha256(data));
                }
                s = w.finish(false);
            }
            BackupManifest m = BackupManifest.create("host", GROUP_ID, d.time())
                    .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, s.size(), s.csum()));
            Files.write(store.manifestPath(d), DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
        }
    }

    static void run(Path dir) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dir.resolve(MARKER))) {
            p.load(in);
        }
        int chunks = Integer.parseInt(p.getProperty("chunks"));
        long t0 = System.nanoTime();
        JobLog log = new JobLog() {
            @Override
            public void info(String message) {
                if (!message.contains("%") || message.contains("0% ")) {
                    System.out.printf(Locale.ROOT, "  [%7.2f s] %s%n", secs(t0), message);
                }
            }

            @Override
            public void warn(String message) {
                System.out.printf(Locale.ROOT, "  [%7.2f s] WARN %s%n", secs(t0), message);
            }
        };
        String loadBefore = BenchUtil.loadavg();
        try (Datastore store = Datastore.open("gcbench", dir.resolve("store"), options(dir))) {
            long start = System.nanoTime();
            long markEnd = -1;
            GcStatus s;
            try (GcRun run = GcRun.start(store, Clock.systemUTC(), log, () -> false, null)) {
                GcRun.Unit u;
                while ((u = run.next()) != null) {
                    if (markEnd < 0 && u instanceof GcRun.Sweep) {
                        markEnd = System.nanoTime();
                    }
                    run.process(u);
                }
                long sweepEnd = System.nanoTime();
                s = run.finish(UPID);
                double mark = (markEnd - start) / 1e9;
                double sweep = (sweepEnd - markEnd) / 1e9;
                long referenced = s.diskChunks() + s.pendingChunks();
                long listed = referenced + s.removedChunks() + s.removedBad() + s.stillBad();
                System.out.printf(Locale.ROOT, "RESULT chunks_before=%d%n", chunks);
                System.out.printf(Locale.ROOT, "RESULT index_files=%d%n", s.indexFileCount());
                System.out.printf(Locale.ROOT, "RESULT referenced_chunks=%d%n", referenced);
                System.out.printf(Locale.ROOT, "RESULT removed_chunks=%d%n", s.removedChunks());
                System.out.printf(Locale.ROOT, "RESULT mark_s=%.2f%n", mark);
                System.out.printf(Locale.ROOT, "RESULT sweep_s=%.2f%n", sweep);
                System.out.printf(Locale.ROOT, "RESULT mark_chunks_per_s=%.0f%n", referenced / mark);
                System.out.printf(Locale.ROOT, "RESULT sweep_chunks_per_s=%.0f%n", listed / sweep);
                System.out.printf(Locale.ROOT, "RESULT load_before=%s%n", loadBefore);
                System.out.printf(Locale.ROOT, "RESULT load_after=%s%n", BenchUtil.loadavg());
            }
        }
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
