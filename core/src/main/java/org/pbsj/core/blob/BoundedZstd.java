package org.pbsj.core.blob;

import java.nio.ByteBuffer;
import java.util.Arrays;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import org.pbsj.core.error.CorruptDataException;

/**
 * zstd level 1 with per-thread contexts (a fresh context per call costs 15-45%), and a
 * decompressor whose output is bounded so a small hostile frame cannot allocate gigabytes.
 * Accepts frames without a content size (PBS's streaming encoder writes those) and
 * concatenated frames (PBS decodes the whole stream).
 */
final class BoundedZstd {
    static final int LEVEL = 1;
    /** Scratch kept per thread up to this size; larger inputs get a one-off array. */
    private static final int KEEP_SCRATCH = 17 * 1024 * 1024;
    private static final int MIN_GUESS = 64 * 1024;

    private static final ThreadLocal<BoundedZstd> PER_THREAD = ThreadLocal.withInitial(BoundedZstd::new);

    /** Output of {@link #decompressExactIntoScratch}: kept per thread, grows to the largest chunk seen. */
    private byte[] verifyScratch = new byte[0];

    private final ZstdCompressCtx cctx = new ZstdCompressCtx().setLevel(LEVEL).setChecksum(false);
    private final ZstdDecompressCtx dctx = new ZstdDecompressCtx();
    private byte[] scratch = new byte[0];
    /** Set when the last input was too large for the kept scratch array. */
    private byte[] oneOff;

    private BoundedZstd() {
    }

    static BoundedZstd get() {
        return PER_THREAD.get();
    }

    /**
     * Compresses {@code src[off, off+len)} into a per-thread scratch array starting at
     * {@code headroom}; returns the compressed length. The scratch array ({@link #scratch()})
     * is valid until the next call on this thread.
     */
    int compress(byte[] src, int off, int len, int headroom) {
        int need = headroom + (int) Zstd.compressBound(len);
        if (scratch.length < need) {
            byte[] fresh = new byte[need];
            if (need <= KEEP_SCRATCH) {
                scratch = fresh;
            } else {
                oneOff = fresh;
                return compressInto(fresh, src, off, len, headroom);
            }
        }
        oneOff = null;
        return compressInto(scratch, src, off, len, headroom);
    }

    /** The array the last {@link #compress} wrote to. */
    byte[] scratch() {
        return oneOff != null ? oneOff : scratch;
    }

    private int compressInto(byte[] dst, byte[] src, int off, int len, int headroom) {
        cctx.reset();
        cctx.setLevel(LEVEL);
        return cctx.compressByteArray(dst, headroom, dst.length - headroom, src, off, len);
    }

    /**
     * Decompresses all frames in {@code src[off, off+len)}; at most {@code limit} bytes of output.
     *
     * @param sizeHint expected output size, or -1; only a guess for the first allocation
     * @param errorOffset where the payload starts in the blob, for error messages
     * @throws CorruptDataException damaged frame or output above {@code limit}
     */
    byte[] decompress(byte[] src, int off, int len, int limit, int sizeHint, String source, int errorOffset) {
        if (len == 0) {
            return new byte[0];
        }
        try {
            long contentSize = Zstd.getFrameContentSize(src, off, len);
            if (contentSize > limit) {
                throw tooLarge(source, errorOffset, limit);
            }
            if (contentSize >= 0 && Zstd.findFrameCompressedSize(src, off, len) == len) {
                // Single frame with declared size: one shot, straight into the result.
                byte[] out = new byte[(int) contentSize];
                dctx.reset();
                int n = dctx.decompressByteArray(out, 0, out.length, src, off, len);
                if (n != out.length) {
                    throw new CorruptDataException(source, errorOffset,
                            "zstd frame declares " + contentSize + " bytes but holds " + n);
                }
                return out;
            }
            return stream(src, off, len, limit, sizeHint, source, errorOffset);
        } catch (ZstdException e) {
            dctx.reset();
            throw new CorruptDataException(source, errorOffset, "zstd: " + e.getMessage(), e);
        }
    }

    /**
     * Decompresses a single frame that declares exactly {@code expected} bytes into this thread's
     * reusable output buffer, for callers that only hash the result (verify). Returns null if the
     * payload is not such a frame; the caller then takes the general path.
     */
    byte[] decompressExactIntoScratch(byte[] src, int off, int len, int expected, String source, int errorOffset) {
        try {
            if (len == 0 || Zstd.getFrameContentSize(src, off, len) != expected
                    || Zstd.findFrameCompressedSize(src, off, len) != len) {
                return null;
            }
            if (verifyScratch.length < expected) {
                verifyScratch = new byte[expected];
            }
            dctx.reset();
            int n = dctx.decompressByteArray(verifyScratch, 0, expected, src, off, len);
            if (n != expected) {
                throw new CorruptDataException(source, errorOffset, "zstd frame declares " + expected + " bytes but holds " + n);
            }
            return verifyScratch;
        } catch (ZstdException e) {
            dctx.reset();
            throw new CorruptDataException(source, errorOffset, "zstd: " + e.getMessage(), e);
        }
    }

    private byte[] stream(byte[] src, int off, int len, int limit, int sizeHint, String source, int errorOffset) {
        dctx.reset();
        int guess = sizeHint >= 0 ? sizeHint : (int) Math.min(Integer.MAX_VALUE - 16, Math.max(MIN_GUESS, 4L * len));
        ByteBuffer in = ByteBuffer.wrap(src, off, len);
        ByteBuffer out = ByteBuffer.wrap(new byte[Math.min(limit, guess)]);
        boolean frameDone = false;
        while (true) {
            int inBefore = in.position();
            int outBefore = out.position();
            frameDone = dctx.decompressByteBufferStream(out, in);
            if (frameDone && !in.hasRemaining()) {
                break;
            }
            boolean progressed = in.position() != inBefore || out.position() != outBefore;
            if (!out.hasRemaining() && !progressed) {
                // Full and stuck: it needs more room.
                if (out.capacity() >= limit) {
                    throw tooLarge(source, errorOffset, limit);
                }
                int bigger = (int) Math.min(limit, Math.max(2L * out.capacity(), MIN_GUESS));
                out = ByteBuffer.wrap(Arrays.copyOf(out.array(), bigger)).position(out.position());
            } else if (!progressed) {
                throw new CorruptDataException(source, errorOffset + len, "truncated zstd frame");
            }
        }
        byte[] arr = out.array();
        return out.position() == arr.length ? arr : Arrays.copyOf(arr, out.position());
    }

    private static CorruptDataException tooLarge(String source, int off, int limit) {
        return new CorruptDataException(source, off,
                "decompressed data exceeds the limit of " + limit + " bytes");
    }
}
