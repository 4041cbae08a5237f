package org.pbsj.core.gc;

import java.util.Locale;

import org.pbsj.core.datastore.GcStatus;
import org.pbsj.core.job.JobLog;

/** The statistics lines of a finished GC run, as PBS's task log shows them. */
final class GcReport {
    private GcReport() {
    }

    static void log(JobLog log, GcStatus s) {
        log.info("Removed garbage: " + bytes(s.removedBytes()));
        log.info("Removed chunks: " + s.removedChunks());
        if (s.pendingChunks() > 0) {
            log.info("Pending removals: " + bytes(s.pendingBytes()) + " (in " + s.pendingChunks() + " chunks)");
        }
        if (s.removedBad() > 0) {
            log.info("Removed bad chunks: " + s.removedBad());
        }
        if (s.stillBad() > 0) {
            log.info("Leftover bad chunks: " + s.stillBad());
        }
        log.info("Original data usage: " + bytes(s.indexDataBytes()));
        if (s.indexDataBytes() > 0) {
            log.info("On-Disk usage: " + bytes(s.diskBytes()) + " ("
                    + String.format(Locale.ROOT, "%.2f", s.diskBytes() * 100.0 / s.indexDataBytes()) + "%)");
        }
        log.info("On-Disk chunks: " + s.diskChunks());
        log.info("Deduplication factor: " + String.format(Locale.ROOT, "%.2f", GarbageCollector.dedupFactor(s)));
        if (s.diskChunks() > 0) {
            log.info("Average chunk size: " + bytes(s.diskBytes() / s.diskChunks()));
        }
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.3f %s", v, units[u]);
    }
}
