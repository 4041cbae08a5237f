package org.pbsj.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers of the plain-main benchmarks (GcBench, VerifyBench). */
final class BenchUtil {
    private BenchUtil() {
    }

    /** The first three fields of /proc/loadavg ("1.23 0.98 0.80"), or "?" where it is missing. */
    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
