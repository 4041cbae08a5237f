package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.pbsj.core.error.UnsupportedFormatException;

class KdfTest {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] PASS = "test-password".getBytes(StandardCharsets.UTF_8);
    static final byte[] SALT = filled(32, 0x11);

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void scryptVector() {
        assertEquals("1e3017941fc7594c865df5fac00ec94f5b3cb0ae824dc87a2cfe4c37c9e25168",
                HEX.formatHex(Kdf.Scrypt.withDefaults(SALT).deriveKey(PASS)));
    }

    @Test
    void scryptWithEmptySaltGivesTheManifestTestKey() {
        byte[] k = Kdf.Scrypt.withDefaults(new byte[0]).deriveKey("test".getBytes(StandardCharsets.UTF_8));
        assertEquals("28cdb1a3bef39396c3860e00d448fe7a0efd8244486ab6feb30457681d31597e", HEX.formatHex(k));
    }

    @Test
    void pbkdf2Vector() {
        assertEquals("df5dc815e46fe00098346d8ee08e9d94f17151fb397fcb8480e9e3ac51a32ba5",
                HEX.formatHex(Kdf.Pbkdf2.withDefaults(SALT).deriveKey(PASS)));
        assertEquals(65535, Kdf.Pbkdf2.withDefaults(SALT).iter());
    }

    @Test
    void createDrawsASaltOfTheDefaultType() {
        Kdf s = Kdf.create(Kdf.Type.SCRYPT, new FixedRandom(0x11));
        assertEquals(Kdf.Scrypt.withDefaults(SALT), s);
        assertArrayEquals(SALT, s.salt());
        Kdf p = Kdf.create(Kdf.Type.PBKDF2, new FixedRandom(0x11));
        assertInstanceOf(Kdf.Pbkdf2.class, p);
        assertNotEquals(s, p);
    }

    @Test
    void hostileParametersAreRefusedBeforeAllocating() {
        assertThrows(UnsupportedFormatException.class, () -> new Kdf.Scrypt(1L << 40, 8, 1, SALT).deriveKey(PASS));
        assertThrows(UnsupportedFormatException.class, () -> new Kdf.Scrypt(1L << 21, 8, 1, SALT).deriveKey(PASS));
        assertThrows(UnsupportedFormatException.class, () -> new Kdf.Scrypt(1000, 8, 1, SALT).deriveKey(PASS));
        assertThrows(UnsupportedFormatException.class, () -> new Kdf.Scrypt(1024, 0, 1, SALT).deriveKey(PASS));
        assertThrows(UnsupportedFormatException.class, () -> new Kdf.Scrypt(1024, 8, 1L << 40, SALT).deriveKey(PASS));
        assertThrows(UnsupportedFormatException.class, () -> new Kdf.Pbkdf2(0, SALT).deriveKey(PASS));
        assertThrows(UnsupportedFormatException.class, () -> new Kdf.Pbkdf2(1L << 40, SALT).deriveKey(PASS));
    }

    @Test
    void saltIsCopied() {
        byte[] salt = SALT.clone();
        Kdf.Pbkdf2 k = new Kdf.Pbkdf2(1, salt);
        salt[0] = 0;
        k.salt()[1] = 0;
        assertArrayEquals(SALT, k.salt());
    }
}
