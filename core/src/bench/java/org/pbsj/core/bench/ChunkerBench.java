package org.pbsj.core.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pbsj.core.chunker.BuzhashChunker;

/** One op = one 4 MiB buffer through the streaming buzhash chunker (state carries over). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkerBench {
    @Param({"4194304"})
    int avg;

    private byte[][] buffers;
    private BuzhashChunker chunker;
    private int next;

    @Setup
    public void setup() {
        buffers = Corpus.load();
        chunker = new BuzhashChunker(avg);
    }

    @Benchmark
    public int buzhash() {
        byte[] b = buffers[next];
        next = (next + 1) % buffers.length;
        int chunks = 0;
        int pos = 0;
        while (pos < b.length) {
            int n = chunker.scan(b, pos, b.length - pos);
            if (n == 0) {
                break;
            }
            pos += n;
            chunks++;
        }
        return chunks;
    }
}
