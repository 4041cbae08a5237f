package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class AesGcmTest {
    static final HexFormat HEX = HexFormat.of();
    static final SecretKeySpec KEY = new SecretKeySpec(HEX.parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), "AES");
    static final byte[] IV = HEX.parseHex("101112131415161718191a1b1c1d1e1f");

    @Test
    void specVectorWith16ByteIv() throws Exception {
        byte[] plain = "hello world".getBytes(StandardCharsets.US_ASCII);
        byte[] ct = new byte[plain.length];
        byte[] tag = new byte[16];
        AesGcm.encrypt(KEY, IV, plain, 0, plain.length, ct, 0, tag, 0);
        assertEquals("e23f560c88514cc01967fa", HEX.formatHex(ct));
        assertEquals("26f970bd1579ed9fd66914f526604f05", HEX.formatHex(tag));

        byte[] blob = HEX.parseHex("101112131415161718191a1b1c1d1e1f26f970bd1579ed9fd66914f526604f05e23f560c88514cc01967fa");
        assertArrayEquals(plain, AesGcm.decrypt(KEY, blob, 0, 16, 32, 11));
    }

    @Test
    void largeInputsRoundTripThroughSlicesAndDirectBuffers() throws Exception {
        for (int size : new int[] {0, 15, 65536, 65537, 4 * 1024 * 1024 + 3, 17 * 1024 * 1024}) {
            byte[] plain = new byte[size];
            new Random(size).nextBytes(plain);
            byte[] out = new byte[32 + size];
            AesGcm.encrypt(KEY, IV, plain, 0, size, out, 32, out, 16);
            System.arraycopy(IV, 0, out, 0, 16);
            assertArrayEquals(plain, AesGcm.decrypt(KEY, out, 0, 16, 32, size), "size " + size);
        }
    }

    @Test
    void sameIvTwiceOnOneThreadIsAllowedForTestVectors() {
        byte[] tag1 = new byte[16];
        byte[] tag2 = new byte[16];
        AesGcm.encrypt(KEY, IV, new byte[5], 0, 5, new byte[5], 0, tag1, 0);
        AesGcm.encrypt(KEY, IV, new byte[5], 0, 5, new byte[5], 0, tag2, 0);
        assertArrayEquals(tag1, tag2);
    }

    @Test
    void tamperingIsDetected() {
        byte[] plain = new byte[100_000];
        byte[] out = new byte[32 + plain.length];
        System.arraycopy(IV, 0, out, 0, 16);
        AesGcm.encrypt(KEY, IV, plain, 0, plain.length, out, 32, out, 16);
        for (int pos : new int[] {3, 20, 32, 50_000, out.length - 1}) {
            byte[] bad = out.clone();
            bad[pos] ^= 1;
            assertThrows(AEADBadTagException.class, () -> AesGcm.decrypt(KEY, bad, 0, 16, 32, plain.length));
        }
        SecretKeySpec other = new SecretKeySpec(new byte[32], "AES");
        assertThrows(AEADBadTagException.class, () -> AesGcm.decrypt(other, out, 0, 16, 32, plain.length));
        assertThrows(AEADBadTagException.class,
                () -> AesGcm.decrypt(KEY, Arrays.copyOf(out, 40), 0, 16, 32, 8));
    }
}
