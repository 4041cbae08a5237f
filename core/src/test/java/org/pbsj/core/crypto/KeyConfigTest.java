package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class KeyConfigTest {
    static final OffsetDateTime T = OffsetDateTime.parse("2024-01-01T00:00:00Z");

    @Test
    void valueSemanticsAndDefensiveCopies() {
        byte[] data = new byte[32];
        KeyConfig a = new KeyConfig(null, T, T, data, null, null);
        data[0] = 1;
        a.data()[1] = 1;
        assertArrayEquals(new byte[32], a.data());
        assertEquals(a, new KeyConfig(null, T, T, new byte[32], null, null));
        assertEquals(a.hashCode(), new KeyConfig(null, T, T, new byte[32], null, null).hashCode());
        assertNotEquals(a, new KeyConfig(null, T, T, new byte[32], null, "hint"));
        assertFalse(a.isPasswordProtected());
        assertTrue(new KeyConfig(Kdf.Pbkdf2.withDefaults(new byte[32]), T, T, data, null, null).isPasswordProtected());
        assertFalse(a.toString().contains("data"), "toString must not print key material");
        assertThrows(NullPointerException.class, () -> new KeyConfig(null, null, T, data, null, null));
    }
}
