package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pbsj.core.error.CorruptDataException;

class FingerprintTest {
    static final String FULL =
            "0e:ab:d4:46:0b:6e:b9:ca:34:50:23:de:e2:b7:78:c7:90:e5:4a:16:83:b9:65:9c:0a:57:ae:19:90:90:15:9b";

    @Test
    void formatsAndParses() {
        Fingerprint f = Fingerprint.parse(FULL);
        assertEquals(95, f.toString().length());
        assertEquals(FULL, f.toString());
        assertEquals("0e:ab:d4:46:0b:6e:b9:ca", f.toShortString());
        assertEquals(f, Fingerprint.parse(FULL.replace(":", "")));
        assertThrows(CorruptDataException.class, () -> Fingerprint.parse("0e:ab:d4:46:0b:6e:b9:ca"));
        assertThrows(CorruptDataException.class, () -> Fingerprint.parse(FULL.replace("0e", "0g")));
    }
}
