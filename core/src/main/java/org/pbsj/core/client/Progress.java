package org.pbsj.core.client;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a running backup or restore and, on a terminal, a status line on stderr redrawn
 * every second: bytes done (of the total when known), files, rate, ETA.
 */
public final class Progress implements AutoCloseable {
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong total = new AtomicLong(-1);
    private final long start = System.nanoTime();
    private final PrintStream err;
    private ScheduledExecutorService ticker;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** Counts only. */
    public static Progress silent() {
        return new Progress(null);
    }

    /** Counts and draws the status line on {@code err} (a terminal). */
    public static Progress onTerminal(PrintStream err) {
        Progress p = new Progress(err);
        p.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pbs-progress");
            t.setDaemon(true);
            return t;
        });
        p.ticker.scheduleAtFixedRate(p::draw, 1, 1, TimeUnit.SECONDS);
        return p;
    }

    public void addTotal(long n) {
        total.compareAndSet(-1, 0);
        total.addAndGet(n);
    }

    public void chunkDone(long plain, long uploadedPlain) {
        bytes.addAndGet(plain);
        uploaded.addAndGet(uploadedPlain);
    }

    public void fileDone() {
        files.incrementAndGet();
    }

    public long bytes() {
        return bytes.get();
    }

    public long uploadedBytes() {
        return uploaded.get();
    }

    public long files() {
        return files.get();
    }

    String line() {
        double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        long done = bytes.get();
        double rate = done / secs;
        StringBuilder sb = new StringBuilder(formatBytes(done));
        long t = total.get();
        if (t > 0) {
            sb.append(" of ").append(formatBytes(t));
        }
        if (files.get() > 0) {
            sb.append(", ").append(files.get()).append(" files");
        }
        sb.append(", ").append(formatBytes((long) rate)).append("/s");
        if (t > 0 && rate > 0 && done <= t) {
            long eta = (long) ((t - done) / rate);
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60));
        }
        return sb.toString();
    }

    private void draw() {
        err.print("\r\033[K" + line());
        err.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            err.print("\r\033[K");
            err.flush();
        }
    }

    /** {@code 1.50 GiB}, PBS's HumanByte style (binary units, two decimals). */
    public static String formatBytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
