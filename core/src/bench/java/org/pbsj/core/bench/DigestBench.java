package org.pbsj.core.bench;

import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pbsj.core.crypto.CryptConfig;

/** One op = SHA-256 of one 4 MiB buffer (the chunk digest). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DigestBench {
    private byte[][] buffers;
    private MessageDigest md;
    private final byte[] out = new byte[32];
    private int next;

    @Setup
    public void setup() {
        buffers = Corpus.load();
        md = CryptConfig.sha256Digest();
    }

    @Benchmark
    public byte[] sha256() throws Exception {
        byte[] b = buffers[next];
        next = (next + 1) % buffers.length;
        md.update(b, 0, b.length);
        md.digest(out, 0, 32);
        return out;
    }
}
