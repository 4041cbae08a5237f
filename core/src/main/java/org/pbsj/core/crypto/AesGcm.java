package org.pbsj.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM as PBS uses it: 16-byte IV, empty AAD, 16-byte tag kept apart from the
 * ciphertext (ciphertext length = plaintext length).
 *
 * <p>Shaped by what the JDK 17 JIT compiles well (TOOLCHAIN.md): encryption feeds
 * {@code update()} 64 KiB slices, decryption of large inputs goes through direct buffers
 * (the heap path buffers everything until {@code doFinal} and stays slow). A fresh
 * {@link Cipher} per call is cheap next to the data and avoids the JDK's "IV reuse" refusal
 * when a thread-local cipher sees a repeated IV (only ever in tests).
 */
public final class AesGcm {
    public static final int IV_SIZE = 16;
    public static final int TAG_SIZE = 16;

    private static final int SLICE = 64 * 1024;
    /** Inputs above this are decrypted on the heap rather than pinning large direct buffers. */
    private static final int MAX_DIRECT = 16 * 1024 * 1024 + 64;
    private static final ThreadLocal<ByteBuffer[]> DIRECT = ThreadLocal.withInitial(() -> new ByteBuffer[2]);

    private AesGcm() {
    }

    /**
     * Encrypts {@code src[srcOff, srcOff+len)} to {@code dst[dstOff, dstOff+len)} and writes the
     * tag to {@code tag[tagOff, tagOff+16)}. {@code dst} may not overlap {@code src}.
     */
    public static void encrypt(SecretKey key, byte[] iv, byte[] src, int srcOff, int len,
            byte[] dst, int dstOff, byte[] tag, int tagOff) {
        try {
            Cipher c = init(Cipher.ENCRYPT_MODE, key, iv);
            int done = 0;
            while (len - done > SLICE) {
                done += c.update(src, srcOff + done, SLICE, dst, dstOff + done);
            }
            // The last slice: whatever update() kept back comes out of doFinal() before the tag.
            byte[] tail = c.doFinal(src, srcOff + done, len - done);
            int rest = tail.length - TAG_SIZE;
            System.arraycopy(tail, 0, dst, dstOff + done, rest);
            System.arraycopy(tail, rest, tag, tagOff, TAG_SIZE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts {@code len} bytes of ciphertext at {@code src[ctOff]} with the IV and tag found
     * at {@code src[ivOff]} and {@code src[tagOff]}.
     *
     * @throws AEADBadTagException wrong key or tampered data; callers add source and offset
     */
    public static byte[] decrypt(SecretKey key, byte[] src, int ivOff, int tagOff, int ctOff, int len)
            throws AEADBadTagException {
        byte[] iv = new byte[IV_SIZE];
        System.arraycopy(src, ivOff, iv, 0, IV_SIZE);
        try {
            Cipher c = init(Cipher.DECRYPT_MODE, key, iv);
            int total = len + TAG_SIZE;
            if (len < SLICE || total > MAX_DIRECT) {
                c.update(src, ctOff, len);
                return c.doFinal(src, tagOff, TAG_SIZE);
            }
            ByteBuffer[] bufs = DIRECT.get();
            ByteBuffer in = directBuffer(bufs, 0, total);
            ByteBuffer out = directBuffer(bufs, 1, total);
            in.put(src, ctOff, len).put(src, tagOff, TAG_SIZE).flip();
            c.doFinal(in, out);
            out.flip();
            byte[] plain = new byte[len];
            out.get(plain);
            return plain;
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed", e);
        }
    }

    private static Cipher init(int mode, SecretKey key, byte[] iv) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_SIZE * 8, iv));
        return c;
    }

    private static ByteBuffer directBuffer(ByteBuffer[] bufs, int i, int capacity) {
        ByteBuffer b = bufs[i];
        if (b == null || b.capacity() < capacity) {
            // Round up so that chunks of slightly different sizes share one buffer.
            b = ByteBuffer.allocateDirect(Math.min(MAX_DIRECT, Math.max(capacity, 4 * 1024 * 1024 + 64)));
            bufs[i] = b;
        }
        b.clear();
        return b;
    }
}
