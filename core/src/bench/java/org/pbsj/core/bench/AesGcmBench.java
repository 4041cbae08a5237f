package org.pbsj.core.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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

/**
 * AES-256-GCM with a 16-byte IV and no AAD, as PBS blobs use it ({@code blob-format.md} §3),
 * in the shapes the JDK runs fast (TOOLCHAIN.md): encrypt with {@code update()} in 64 KiB
 * slices plus {@code doFinal} into a preallocated array; decrypt between direct ByteBuffers.
 * One op = one 4 MiB buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AesGcmBench {
    private static final int SLICE = 64 * 1024;
    private static final int TAG_BITS = 128;

    private byte[][] buffers;
    private byte[] out;
    private SecretKeySpec key;
    private Cipher enc;
    private Cipher dec;
    private final byte[] iv = new byte[16];
    private long counter;
    private ByteBuffer[] cipherTexts;
    private byte[][] cipherIvs;
    private ByteBuffer plainOut;
    private int next;

    @Setup
    public void setup() throws Exception {
        buffers = Corpus.load();
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 7 + 1);
        }
        key = new SecretKeySpec(k, "AES");
        enc = Cipher.getInstance("AES/GCM/NoPadding");
        dec = Cipher.getInstance("AES/GCM/NoPadding");
        out = new byte[Corpus.BUFFER_SIZE + 16];
        cipherTexts = new ByteBuffer[buffers.length];
        cipherIvs = new byte[buffers.length][];
        for (int i = 0; i < buffers.length; i++) {
            int n = encrypt(buffers[i]);
            cipherIvs[i] = iv.clone();
            cipherTexts[i] = ByteBuffer.allocateDirect(n).put(out, 0, n).flip();
        }
        plainOut = ByteBuffer.allocateDirect(Corpus.BUFFER_SIZE + 16);
        // guard against measuring a shape that silently does less work
        next = buffers.length - 1;
        byte[] back = new byte[decrypt()];
        plainOut.flip().get(back);
        if (cipherTexts[0].remaining() != Corpus.BUFFER_SIZE + 16
                || !java.util.Arrays.equals(back, buffers[buffers.length - 1])) {
            throw new IllegalStateException("AES-GCM round trip failed");
        }
        next = 0;
    }

    /** A fresh IV per op: GCM refuses to reuse a key/IV pair for encryption. */
    private int encrypt(byte[] b) throws Exception {
        counter++;
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (counter >>> (8 * i));
        }
        enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        int o = 0;
        for (int off = 0; off < b.length; off += SLICE) {
            o += enc.update(b, off, Math.min(SLICE, b.length - off), out, o);
        }
        return o + enc.doFinal(out, o);
    }

    @Benchmark
    public int encrypt() throws Exception {
        byte[] b = buffers[next];
        next = (next + 1) % buffers.length;
        return encrypt(b);
    }

    @Benchmark
    public int decrypt() throws Exception {
        int i = next;
        next = (next + 1) % buffers.length;
        dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, cipherIvs[i]));
        ByteBuffer in = cipherTexts[i].duplicate();
        plainOut.clear();
        return dec.doFinal(in, plainOut);
    }
}
