package org.pbsj.core.testutil;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.pbsj.core.chunker.Chunker;

/** Deterministic inputs of the spec's test vectors ({@code chunker.md} §7) and small helpers. */
public final class TestInputs {
    private TestInputs() {
    }

    /** Input A: for i in 0..n/4 the 4 bytes of i as u32 little endian. */
    public static byte[] inputA(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            int v = i >>> 2;
            b[i] = (byte) (v >>> (8 * (i & 3)));
        }
        return b;
    }

    /** Input B: LCG x = x*1664525 + 1013904223 from x = 1, emitting x >>> 24. */
    public static byte[] inputB(int length) {
        byte[] b = new byte[length];
        int x = 1;
        for (int i = 0; i < length; i++) {
            x = x * 1664525 + 1013904223;
            b[i] = (byte) (x >>> 24);
        }
        return b;
    }

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Chunk ends (exclusive) of {@code data}, fed to the chunker in one piece; the remainder is final. */
    public static List<Long> chunkEnds(Chunker chunker, byte[] data) {
        List<Long> ends = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int n = chunker.scan(data, pos, data.length - pos);
            if (n == 0) {
                break;
            }
            pos += n;
            ends.add((long) pos);
        }
        if (ends.isEmpty() ? data.length > 0 : ends.get(ends.size() - 1) != data.length) {
            ends.add((long) data.length);
        }
        return ends;
    }
}
