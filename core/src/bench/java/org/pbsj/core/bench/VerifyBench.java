package org.pbsj.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import com.github.luben.zstd.ZstdDecompressCtx;

import org.pbsj.core.blob.BlobMagic;
import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.chunker.BuzhashChunker;
import org.pbsj.core.chunker.Chunker;
import org.pbsj.core.chunker.FixedChunker;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.index.DynamicIndexWriter;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.index.IndexSummary;
import org.pbsj.core.job.JobLog;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.SyncLevel;
import org.pbsj.core.task.Upid;
import org.pbsj.core.verify.Verifier;

/**
 * Verify throughput against the CPU limit of the same work (not JMH: the measured unit is a
 * whole verify run over a datastore).
 *
 * <p>{@code prepare DIR} builds {@code DIR/store} once: {@code --mib} MiB of real file data
 * (regular files under /usr/lib and /usr/share in sorted path order, as core-bench.sh's corpus)
 * cut by the buzhash chunker (4 MiB average; {@code --chunker fixed}: fixed 4 MiB) into
 * zstd-compressed DataBlobs, in {@code --snapshots} snapshots of a dynamic index each, with
 * manifests.
 *
 * <p>{@code run DIR} runs {@code --rounds} rounds of: a {@link Verifier} with {@code --workers}
 * workers over all snapshots (ignore-verified off, so every run checks every chunk), then the
 * limit: as many threads, each taking chunk blobs held in memory and doing what verify must do
 * per chunk at the least (CRC-32 of the payload, zstd decompress into a reused buffer, SHA-256,
 * compare), then what a worker does without the Verifier around it (read the chunk file,
 * {@code DataBlobCodec.verifyUnencrypted}). All count unique plain bytes; MB = 10^6 bytes. Each
 * round also gives the CPU ratio (process CPU seconds of the limit / of verify), which other
 * processes on the host disturb less than wall time. A last pass with one worker / one thread
 * shows how the two scale. {@code --cold}: the page cache is dropped before each verify (root
 * only); the first round also pays for JIT warm-up, so later rounds show the cold-cache cost. Prints {@code RESULT key=value} lines for bench/jobs-bench.sh.
 */
public final class VerifyBench {
    private static final String MARKER = "verify-bench.properties";
    private static final String GROUP_ID = "verify-bench";
    private static final long FIRST_SNAPSHOT = 1_700_000_000L;

    /** Process CPU seconds (all threads, JIT and GC included) of the last measurement. */
    private static double lastCpuSecs;

    private VerifyBench() {
    }

    private static double cpuSecs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: VerifyBench prepare DIR [--mib N] [--snapshots S] [--chunker buzhash|fixed]"
                    + " | VerifyBench run DIR [--rounds R] [--workers W]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        long mib = 1700;
        int snapshots = 4;
        String chunker = "buzhash";
        int rounds = 5;
        int workers = 2;
        boolean cold = false;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--mib" -> mib = Long.parseLong(args[++i]);
                case "--snapshots" -> snapshots = Integer.parseInt(args[++i]);
                case "--chunker" -> chunker = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--cold" -> cold = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        switch (args[0]) {
            case "prepare" -> prepare(dir, mib << 20, snapshots, chunker);
            case "run" -> run(dir, rounds, workers, cold);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static DatastoreOptions options(Path dir) {
        return new DatastoreOptions(SyncLevel.NONE, Clock.systemUTC(), dir.resolve("locks"));
    }

    // ------------------------------------------------------------------ prepare

    /** The regular files under /usr/lib and /usr/share, concatenated in sorted path order. */
    private static final class CorpusStream {
        private final List<Path> files = new ArrayList<>();
        private int next;
        private InputStream current;

        CorpusStream() throws IOException {
            for (String root : new String[] {"/usr/lib", "/usr/share"}) {
                try (Stream<Path> s = Files.walk(Path.of(root))) {
                    s.filter(p -> Files.isRegularFile(p) && Files.isReadable(p)).sorted().forEach(files::add);
                }
            }
        }

        /** Fills {@code buf[0, len)} as far as the corpus goes; returns the bytes read. */
        int read(byte[] buf, int len) throws IOException {
            int n = 0;
            while (n < len) {
                if (current == null) {
                    if (next == files.size()) {
                        break;
                    }
                    try {
                        current = Files.newInputStream(files.get(next++));
                    } catch (IOException e) {
                        continue; // vanished or unreadable: skip
                    }
                }
                int r;
                try {
                    r = current.read(buf, n, len - n);
                } catch (IOException e) {
                    r = -1;
                }
                if (r < 0) {
                    current.close();
                    current = null;
                } else {
                    n += r;
                }
            }
            return n;
        }
    }

    static void prepare(Path dir, long total, int snapshots, String chunkerName) throws Exception {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            System.out.println("verify datastore exists (" + Files.readString(marker).replace('\n', ' ') + ")");
            return;
        }
        Path storePath = dir.resolve("store");
        if (Files.exists(storePath)) {
            throw new IllegalStateException(storePath + " exists without " + MARKER + ": remove it (--rebuild)");
        }
        Files.createDirectories(dir.resolve("locks"));
        long t = System.nanoTime();
        CorpusStream corpus = new CorpusStream();
        long plain = 0;
        long stored = 0;
        int chunkCount = 0;
        try (Datastore store = Datastore.create("verifybench", storePath, options(dir))) {
            BackupGroup g = BackupGroup.of(BackupType.HOST, GROUP_ID);
            Files.createDirectories(store.groupPath(g));
            store.setOwner(g, "root@pam", true);
            Chunker chunker = chunkerName.equals("fixed") ? new FixedChunker() : new BuzhashChunker();
            byte[] chunk = new byte[chunker.maxChunkSize()];
            byte[] in = new byte[1 << 20];
            long perSnapshot = total / snapshots;
            for (int k = 0; k < snapshots; k++) {
                BackupDir d = g.snapshot(FIRST_SNAPSHOT + k * 3600L);
                Files.createDirectories(store.snapshotPath(d));
                chunker.reset();
                IndexSummary s;
                try (DynamicIndexWriter w = DynamicIndexWriter.create(store.snapshotPath(d).resolve("root.pxar.didx"),
                        Clock.systemUTC())) {
                    long left = perSnapshot;
                    int fill = 0;
                    while (left > 0) {
                        int n = corpus.read(in, (int) Math.min(in.length, left));
                        if (n == 0) {
                            throw new IllegalStateException("corpus ends after " + (plain + fill) + " bytes");
                        }
                        left -= n;
                        int off = 0;
                        while (off < n) {
                            int room = Math.min(n - off, chunk.length - fill);
                            int cut = chunker.scan(in, off, room);
                            int take = cut == 0 ? room : cut;
                            System.arraycopy(in, off, chunk, fill, take);
                            fill += take;
                            off += take;
                            if (cut != 0 || fill == chunk.length) {
                                stored += store(store, w, chunk, fill);
                                plain += fill;
                                chunkCount++;
                                fill = 0;
                                if (cut == 0) {
                                    chunker.reset();
                                }
                            }
                        }
                    }
                    if (fill > 0) {
                        stored += store(store, w, chunk, fill);
                        plain += fill;
                        chunkCount++;
                    }
                    s = w.finish(false);
                }
                BackupManifest m = BackupManifest.create("host", GROUP_ID, d.time())
                        .withFile(new FileInfo("root.pxar.didx", CryptMode.NONE, s.size(), s.csum()));
                Files.write(store.manifestPath(d), DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
                System.out.printf(Locale.ROOT, "snapshot %s: %d chunks, %d bytes%n", d, s.chunkCount(), s.size());
            }
        }
        Properties p = new Properties();
        p.setProperty("plain_bytes", Long.toString(plain));
        p.setProperty("stored_bytes", Long.toString(stored));
        p.setProperty("chunks", Integer.toString(chunkCount));
        p.setProperty("chunker", chunkerName);
        p.setProperty("snapshots", Integer.toString(snapshots));
        try (var out = Files.newOutputStream(marker)) {
            p.store(out, "VerifyBench datastore");
        }
        System.out.printf(Locale.ROOT, "prepared %d chunks, %d plain bytes, %d stored (ratio %.2f) in %.1f s%n",
                chunkCount, plain, stored, (double) plain / stored, (System.nanoTime() - t) / 1e9);
    }

    private static long store(Datastore store, DynamicIndexWriter w, byte[] chunk, int len) throws IOException {
        byte[] data = Arrays.copyOf(chunk, len);
        byte[] digest = CryptConfig.sha256(data);
        byte[] raw = DataBlobCodec.encode(data, null, true).raw();
        store.chunkStore().insert(digest, ByteBuffer.wrap(raw));
        w.add(w.size() + len, digest);
        return raw.length;
    }

    // ------------------------------------------------------------------ run

    /** One unique chunk as verify sees it: digest, plain size, encoded blob. */
    private record Chunk(byte[] digest, int size, byte[] raw) {
    }

    static void run(Path dir, int rounds, int workers, boolean cold) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dir.resolve(MARKER))) {
            p.load(in);
        }
        System.out.println("datastore: " + p);
        try (Datastore store = Datastore.open("verifybench", dir.resolve("store"), options(dir))) {
            BackupGroup g = BackupGroup.of(BackupType.HOST, GROUP_ID);
            List<BackupDir> dirs = Verifier.snapshots(store, g);
            // unique chunks and their plain sizes, from the indexes (blobs are loaded only after the first verify)
            Map<String, Chunk> unique = new LinkedHashMap<>();
            for (BackupDir d : dirs) {
                IndexFile idx = IndexFile.open(store.snapshotPath(d).resolve("root.pxar.didx"));
                for (int i = 0; i < idx.count(); i++) {
                    byte[] dg = idx.digest(i);
                    unique.putIfAbsent(java.util.HexFormat.of().formatHex(dg), new Chunk(dg, (int) idx.chunkLength(i), null));
                }
            }
            long plain = unique.values().stream().mapToLong(Chunk::size).sum();
            System.out.printf(Locale.ROOT, "%d snapshots, %d unique chunks, %d plain bytes%n", dirs.size(),
                    unique.size(), plain);
            List<Chunk> blobs = null;
            List<double[]> results = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                String load = BenchUtil.loadavg();
                if (cold) {
                    dropCaches();
                }
                double v = verify(store, dirs, workers, plain, unique.size());
                double vCpu = lastCpuSecs;
                if (blobs == null) {
                    blobs = loadBlobs(store, unique.values());
                }
                double l = limit(blobs, workers, plain);
                double lCpu = lastCpuSecs;
                double rc = readAndCodec(store, blobs, workers, plain);
                System.out.printf(Locale.ROOT,
                        "RESULT round=%d workers=%d verify_mbps=%.0f limit_mbps=%.0f ratio=%.2f cpu_ratio=%.2f"
                                + " read_codec_mbps=%.0f load=%s%n", r, workers, v, l, v / l, lCpu / vCpu, rc, load);
                results.add(new double[] {v, l, lCpu / vCpu});
            }
            if (workers > 1) {
                String load = BenchUtil.loadavg();
                double v1 = verify(store, dirs, 1, plain, unique.size());
                double v1Cpu = lastCpuSecs;
                double l1 = limit(blobs, 1, plain);
                double l1Cpu = lastCpuSecs;
                double c1 = codecFromMemory(blobs, 1, plain);
                double cw = codecFromMemory(blobs, workers, plain);
                System.out.printf(Locale.ROOT,
                        "RESULT workers=1 verify_mbps=%.0f limit_mbps=%.0f ratio=%.2f cpu_ratio=%.2f load=%s%n", v1, l1,
                        v1 / l1, l1Cpu / v1Cpu, load);
                System.out.printf(Locale.ROOT,
                        "RESULT codec_from_memory (DataBlobCodec.load + verifyUnencrypted) 1 thread %.0f MB/s,"
                                + " %d threads %.0f MB/s%n", c1, workers, cw);
            }
            // Other processes disturb single runs: the fastest run of each is the least disturbed one.
            double bestV = results.stream().mapToDouble(a -> a[0]).max().orElseThrow();
            double bestL = results.stream().mapToDouble(a -> a[1]).max().orElseThrow();
            double[] ratios = results.stream().mapToDouble(a -> a[0] / a[1]).sorted().toArray();
            double[] cpuRatios = results.stream().mapToDouble(a -> a[2]).sorted().toArray();
            System.out.printf(Locale.ROOT,
                    "RESULT summary workers=%d best_verify_mbps=%.0f best_limit_mbps=%.0f ratio_of_bests=%.2f"
                            + " median_round_ratio=%.2f median_cpu_ratio=%.2f load=%s%n", workers, bestV, bestL,
                    bestV / bestL, ratios[ratios.length / 2], cpuRatios[cpuRatios.length / 2], BenchUtil.loadavg());
        }
    }

    /** sync, then drop the page cache (root only): the next verify reads every chunk from the disk. */
    private static void dropCaches() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
        System.out.println("page cache dropped");
    }

    private static double verify(Datastore store, List<BackupDir> dirs, int workers, long plain, int uniqueChunks) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long now = Clock.systemUTC().instant().getEpochSecond();
            String upid = new Upid("bench", 1, 1, 0, now, "verify", "verifybench", "root@pam").toString();
            Verifier v = new Verifier(store, new Verifier.Options(false, null), upid, Clock.systemUTC(), JobLog.NONE,
                    () -> false, pool, workers);
            double cpu = cpuSecs();
            long t = System.nanoTime();
            List<BackupDir> failed = v.verifyAll(dirs);
            double secs = (System.nanoTime() - t) / 1e9;
            lastCpuSecs = cpuSecs() - cpu;
            if (!failed.isEmpty() || v.verifiedChunks() != uniqueChunks || v.corruptChunks() != 0) {
                throw new IllegalStateException("verify: failed " + failed + ", verified " + v.verifiedChunks()
                        + " of " + uniqueChunks + ", corrupt " + v.corruptChunks());
            }
            double mbps = plain / secs / 1e6;
            System.out.printf(Locale.ROOT, "verify, %d workers: %.2f s, %.0f MB/s, %.2f CPU s%n", workers, secs, mbps,
                    lastCpuSecs);
            return mbps;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Chunk> loadBlobs(Datastore store, java.util.Collection<Chunk> chunks) throws IOException {
        List<Chunk> out = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            out.add(new Chunk(c.digest(), c.size(), Files.readAllBytes(store.chunkStore().chunkPath(c.digest()))));
        }
        return out;
    }

    /** {@code threads} threads share the chunks (like verify's workers) and do the minimal work per chunk. */
    private static double limit(List<Chunk> blobs, int threads, long plain) throws InterruptedException {
        int max = blobs.stream().mapToInt(Chunk::size).max().orElse(0);
        return parallel(blobs, threads, plain, "limit", () -> {
            ZstdDecompressCtx dctx = new ZstdDecompressCtx();
            MessageDigest md = CryptConfig.sha256Digest();
            CRC32 crc = new CRC32();
            byte[] out = new byte[max];
            byte[] dg = new byte[32];
            return c -> {
                byte[] raw = c.raw();
                int h = DataBlob.HEADER_SIZE;
                crc.reset();
                crc.update(raw, h, raw.length - h);
                int stored = (raw[8] & 0xff) | (raw[9] & 0xff) << 8 | (raw[10] & 0xff) << 16 | (raw[11] & 0xff) << 24;
                if ((int) crc.getValue() != stored) {
                    throw new IllegalStateException("crc");
                }
                int n;
                if (BlobMagic.read(raw, 0) == BlobMagic.COMPRESSED_BLOB_1_0) {
                    dctx.reset();
                    n = dctx.decompressByteArray(out, 0, c.size(), raw, h, raw.length - h);
                } else {
                    n = raw.length - h;
                    System.arraycopy(raw, h, out, 0, n);
                }
                md.update(out, 0, n);
                try {
                    md.digest(dg, 0, 32);
                } catch (java.security.DigestException e) {
                    throw new IllegalStateException(e);
                }
                if (n != c.size() || !Arrays.equals(dg, c.digest())) {
                    throw new IllegalStateException("digest/size");
                }
            };
        });
    }

    /** The codec path of verify without the file read: load (copy + CRC) and verifyUnencrypted. */
    private static double codecFromMemory(List<Chunk> blobs, int threads, long plain) throws InterruptedException {
        return parallel(blobs, threads, plain, "codec from memory", () -> c -> DataBlobCodec.verifyUnencrypted(
                DataBlobCodec.load(c.raw(), "mem"), c.size(), c.digest()));
    }

    /** What a verify worker does per chunk, without the Verifier around it: read the file, then the codec check. */
    private static double readAndCodec(Datastore store, List<Chunk> blobs, int threads, long plain)
            throws InterruptedException {
        return parallel(blobs, threads, plain, "file read + codec", () -> c -> {
            try {
                DataBlobCodec.verifyUnencrypted(DataBlobCodec.read(store.chunkStore().chunkPath(c.digest())), c.size(),
                        c.digest());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private interface PerThread {
        java.util.function.Consumer<Chunk> start();
    }

    private static double parallel(List<Chunk> blobs, int threads, long plain, String what, PerThread work)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        double cpu = cpuSecs();
        long t = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                java.util.function.Consumer<Chunk> c = work.start();
                int k;
                while ((k = next.getAndIncrement()) < blobs.size()) {
                    Chunk ch = blobs.get(k);
                    c.accept(ch);
                    done.addAndGet(ch.size());
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        double secs = (System.nanoTime() - t) / 1e9;
        lastCpuSecs = cpuSecs() - cpu;
        if (done.get() != plain) {
            throw new IllegalStateException(what + ": " + done.get() + " of " + plain + " bytes");
        }
        double mbps = plain / secs / 1e6;
        System.out.printf(Locale.ROOT, "%s, %d threads: %.2f s, %.0f MB/s, %.2f CPU s%n", what, threads, secs, mbps,
                lastCpuSecs);
        return mbps;
    }
}
