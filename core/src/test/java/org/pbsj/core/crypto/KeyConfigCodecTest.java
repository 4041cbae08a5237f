package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.pbsj.core.error.CorruptDataException;

class KeyConfigCodecTest {
    static final String SCRYPT_FILE = "{\"kdf\":{\"Scrypt\":{\"n\":65536,\"r\":8,\"p\":1,"
            + "\"salt\":\"ERERERERERERERERERERERERERERERERERERERERERE=\"}},"
            + "\"created\":\"2024-01-01T00:00:00+00:00\",\"modified\":\"2024-01-01T00:00:00+00:00\","
            + "\"data\":\"IiIiIiIiIiIiIiIiIiIiItE7u/FM5GQUlDhGdtAfeqB+KSJ+khxpBkOf2A5rqGAFdrK+YjZmRGUdJYTqEI2iLw==\","
            + "\"fingerprint\":\"0e:ab:d4:46:0b:6e:b9:ca:34:50:23:de:e2:b7:78:c7:90:e5:4a:16:83:b9:65:9c:0a:57:ae:19:90:90:15:9b\"}";

    @Test
    void specKeyFileRoundTripsByteExact() {
        KeyConfig k = KeyConfigCodec.parse(SCRYPT_FILE, "encryption-key.json");
        assertEquals(Kdf.Scrypt.withDefaults(KdfTest.SALT), k.kdf());
        assertEquals(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), k.created());
        assertEquals(64, k.data().length);
        assertNull(k.hint());
        assertEquals(SCRYPT_FILE, KeyConfigCodec.toJson(k));
    }

    @Test
    void pbkdf2AndNullKdfAndHint() {
        String json = "{\"kdf\":{\"PBKDF2\":{\"iter\":65535,\"salt\":\"ERERERERERERERERERERERERERERERERERERERERERE=\"}},"
                + "\"created\":\"2024-01-01T02:00:00+02:00\",\"modified\":\"2024-01-01T00:00:00Z\","
                + "\"data\":\"AAAA\",\"hint\":\"the <usual> one\"}";
        KeyConfig k = KeyConfigCodec.parse(json, "k");
        assertEquals(new Kdf.Pbkdf2(65535, KdfTest.SALT), k.kdf());
        assertEquals(k.created().toInstant(), k.modified().toInstant());
        assertEquals("the <usual> one", k.hint());
        // UTC is written +00:00, never Z.
        assertEquals(json.replace("00:00:00Z", "00:00:00+00:00"), KeyConfigCodec.toJson(k));

        String plain = "{\"kdf\":null,\"created\":\"2024-01-01T00:00:00-05:30\",\"modified\":\"2024-01-01T00:00:00-05:30\","
                + "\"data\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}";
        KeyConfig p = KeyConfigCodec.parse(plain, "k");
        assertNull(p.kdf());
        assertNull(p.fingerprint());
        assertEquals(plain, KeyConfigCodec.toJson(p));
        assertEquals(KeyConfigCodec.parse(plain.replace("{\"kdf\":null,", "{"), "k"), p);
    }

    @Test
    void timestamps() {
        assertEquals("2024-06-30T23:59:59+02:00",
                KeyConfigCodec.formatTime(OffsetDateTime.parse("2024-06-30T23:59:59.750+02:00")));
        for (String bad : new String[] {"2024-01-01T00:00:00", "2024-01-01T00:00:00.5Z", "2024-01-01 00:00:00Z",
                "2024-02-30T00:00:00Z", "2024-01-01T00:00:00+0000", "2024-01-01T24:00:00+00:00"}) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> KeyConfigCodec.parseTime(bad, "kf"));
            assertEquals("kf", e.source());
        }
    }

    @Test
    void malformedFiles() {
        String[] bad = {
            "[]",
            "{\"kdf\":null,\"modified\":\"2024-01-01T00:00:00Z\",\"data\":\"AA==\"}",
            SCRYPT_FILE.replace("\"Scrypt\"", "\"Argon2\""),
            SCRYPT_FILE.replace("\"n\":65536", "\"n\":-1"),
            SCRYPT_FILE.replace("\"n\":65536", "\"n\":\"65536\""),
            SCRYPT_FILE.replace("\"n\":65536", "\"n\":18446744073709551615"),
            SCRYPT_FILE.replace("\"data\":\"IiIi", "\"data\":\"!!!!"),
            SCRYPT_FILE.replace("\"fingerprint\":\"0e:ab", "\"fingerprint\":\"zz:ab"),
            SCRYPT_FILE.replace("\"kdf\":{", "\"kdf\":{\"PBKDF2\":{\"iter\":1,\"salt\":\"\"},"),
        };
        for (String json : bad) {
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> KeyConfigCodec.parse(json, "kf"), json);
            assertEquals(json.startsWith("[") || !json.contains("zz:ab") ? "kf" : "fingerprint", e.source());
        }
    }
}
