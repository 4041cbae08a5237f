package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class DecryptedKeyTest {
    @Test
    void carriesKeyAndFingerprint() {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        CryptConfig cc = CryptConfig.fromKey(key);
        DecryptedKey d = new DecryptedKey(key, OffsetDateTime.parse("2024-01-01T00:00:00Z"), cc.fingerprint());
        key[0] = 9;
        assertEquals(cc, d.cryptConfig());
        assertEquals("0e:ab:d4:46:0b:6e:b9:ca", d.fingerprint().toShortString());
        assertArrayEquals(cc.encryptionKey(), d.key());
        assertFalse(d.toString().contains("000102"));
    }
}
