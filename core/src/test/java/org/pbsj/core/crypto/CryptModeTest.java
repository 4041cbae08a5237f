package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pbsj.core.error.CorruptDataException;

class CryptModeTest {
    @Test
    void jsonNames() {
        assertEquals("none", CryptMode.NONE.jsonName());
        assertEquals("encrypt", CryptMode.ENCRYPT.jsonName());
        assertEquals("sign-only", CryptMode.SIGN_ONLY.jsonName());
        for (CryptMode m : CryptMode.values()) {
            assertEquals(m, CryptMode.fromJson(m.jsonName(), "manifest"));
        }
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> CryptMode.fromJson("SignOnly", "index.json"));
        assertEquals("index.json", e.source());
    }

    @Test
    void onlyEncryptModeEncryptsChunks() {
        assertTrue(CryptMode.ENCRYPT.encryptsChunks());
        assertFalse(CryptMode.SIGN_ONLY.encryptsChunks());
        assertFalse(CryptMode.NONE.encryptsChunks());
    }
}
