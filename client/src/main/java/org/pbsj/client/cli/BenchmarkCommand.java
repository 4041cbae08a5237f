package org.pbsj.client.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.chunker.BuzhashChunker;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.RandomSource;

/**
 * {@code pbs-client benchmark}: single-thread speeds of the client's hot paths on 4 MiB chunks,
 * in the rows of PBS's benchmark (plus the chunker). Without a server the TLS row is not tested.
 */
final class BenchmarkCommand {
    private static final int SIZE = 4 * 1024 * 1024;

    private final Map<String, String> env;
    private final PrintStream out;

    BenchmarkCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    Command command() {
        return ManagerMain.withOutput(Command.leaf("benchmark", "Measure chunker, SHA-256, zstd and AES-GCM speed "
                + "of this machine (one thread each)."))
                .option("seconds", "n", "Seconds per test (default 1).")
                .action(this::run);
    }

    private int run(ParsedArgs a) {
        Long secs = a.longOption("seconds");
        double seconds = secs == null ? 1.0 : Math.max(0.1, secs);
        byte[] data = sampleData();
        CryptConfig key = CryptConfig.fromKey(RandomSource.secure().bytes(32));
        byte[] compressed = DataBlobCodec.encode(data, null, true).raw();
        BuzhashChunker chunker = new BuzhashChunker();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("tls", "TLS (maximal backup upload speed)", null));
        rows.add(row("chunker", "Chunker (buzhash) speed", measure(seconds, () -> scanAll(chunker, data))));
        rows.add(row("sha256", "SHA256 checksum computation speed", measure(seconds, () -> {
            CryptConfig.sha256(data);
            return SIZE;
        })));
        rows.add(row("compress", "ZStd level 1 compression speed", measure(seconds, () -> {
            DataBlobCodec.encode(data, null, true);
            return SIZE;
        })));
        rows.add(row("decompress", "ZStd level 1 decompression speed", measure(seconds, () -> {
            DataBlobCodec.decode(DataBlobCodec.load(compressed, "benchmark"), null, null);
            return SIZE;
        })));
        byte[] digest = CryptConfig.sha256(data);
        rows.add(row("verify", "Chunk verification speed", measure(seconds, () -> {
            DataBlob blob = DataBlobCodec.load(compressed, "benchmark");
            DataBlobCodec.decodeChunk(blob, null, digest, SIZE);
            return SIZE;
        })));
        rows.add(row("aes256_gcm", "AES256 GCM encryption speed", measure(seconds, () -> {
            DataBlobCodec.encode(data, 0, SIZE, key, false, RandomSource.secure());
            return SIZE;
        })));
        OutputFormat f = OutputFormat.of(a, env);
        if (f == OutputFormat.TEXT) {
            List<List<String>> table = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                table.add(List.of((String) r.get("name"), r.get("speed") == null ? "not tested"
                        : String.format(Locale.ROOT, "%.2f MB/s", (Double) r.get("speed") / 1e6)));
            }
            out.print(OutputFormat.table(env).render(List.of("Name", "Value"), table));
        } else {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map<String, Object> r : rows) {
                m.put((String) r.get("key"), r.get("speed") == null ? Map.of() : Map.of("speed", r.get("speed")));
            }
            out.print(f.format(m, List.of()));
        }
        return 0;
    }

    private static Map<String, Object> row(String key, String name, Double bytesPerSecond) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("name", name);
        m.put("speed", bytesPerSecond);
        return m;
    }

    private static int scanAll(BuzhashChunker chunker, byte[] data) {
        int off = 0;
        while (off < data.length) {
            int n = chunker.scan(data, off, data.length - off);
            off = n == 0 ? data.length : off + n;
        }
        return data.length;
    }

    /** Bytes per second of {@code op} (which returns the bytes it processed), after a short warm-up. */
    private static double measure(double seconds, IntSupplier op) {
        long warm = System.nanoTime() + (long) (seconds * 0.2e9);
        while (System.nanoTime() < warm) {
            op.getAsInt();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long bytes = 0;
        long now;
        do {
            bytes += op.getAsInt();
            now = System.nanoTime();
        } while (now < end);
        return bytes / ((now - start) / 1e9);
    }

    /** Text-like data that zstd compresses about 3:1, like typical file content. */
    static byte[] sampleData() {
        Random r = new Random(42);
        String[] words = {"backup", "chunk", "index", "proxmox", "server", "data", "store", "the", "of", "and"};
        StringBuilder sb = new StringBuilder(SIZE + 64);
        while (sb.length() < SIZE) {
            sb.append(words[r.nextInt(words.length)]).append(' ').append(r.nextInt(100000)).append(r.nextBoolean() ? '\n' : ' ');
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(b, SIZE);
    }
}
