package org.pbsj.core.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * One op = one 4 MiB buffer compressed at level 1 (reused context, preallocated output) or
 * decompressed back; throughput is counted in uncompressed bytes, as {@code zstd -b} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ZstdBench {
    private byte[][] buffers;
    private byte[][] compressed;
    private int[] compressedLen;
    private byte[] dst;
    private ZstdCompressCtx cctx;
    private ZstdDecompressCtx dctx;
    private int next;

    @Setup
    public void setup() {
        buffers = Corpus.load();
        cctx = new ZstdCompressCtx().setLevel(1);
        dctx = new ZstdDecompressCtx();
        dst = new byte[(int) Zstd.compressBound(Corpus.BUFFER_SIZE)];
        compressed = new byte[buffers.length][];
        compressedLen = new int[buffers.length];
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            int n = cctx.compressByteArray(dst, 0, dst.length, buffers[i], 0, buffers[i].length);
            compressed[i] = java.util.Arrays.copyOf(dst, n);
            compressedLen[i] = n;
            total += n;
        }
        System.out.printf("%n[corpus] zstd-1 ratio over 4 MiB blocks: %.3f%n",
                (double) buffers.length * Corpus.BUFFER_SIZE / total);
    }

    @TearDown(Level.Trial)
    public void close() {
        cctx.close();
        dctx.close();
    }

    @Benchmark
    public int compress1() {
        byte[] b = buffers[next];
        next = (next + 1) % buffers.length;
        return cctx.compressByteArray(dst, 0, dst.length, b, 0, b.length);
    }

    @Benchmark
    public int decompress() {
        int i = next;
        next = (next + 1) % buffers.length;
        return dctx.decompressByteArray(dst, 0, Corpus.BUFFER_SIZE, compressed[i], 0, compressedLen[i]);
    }
}
