package org.pbsj.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.pbsj.core.error.ChecksumMismatchException;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.DecryptionException;

class KeyWrapperTest {
    static final byte[] K = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] PASS = "test-password".getBytes(StandardCharsets.UTF_8);
    static final Clock NEW_YEAR = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Salt draw then IV draw, as in crypto.md §2.4. */
    static KeyWrapper specWrapper() {
        return new KeyWrapper(NEW_YEAR, new FixedRandom(0x11, 0x22));
    }

    @Test
    void scryptKeyFileIsByteExact() {
        KeyConfig k = specWrapper().wrap(K, PASS, Kdf.Type.SCRYPT, null);
        assertEquals(KeyConfigCodecTest.SCRYPT_FILE, KeyConfigCodec.toJson(k));
        DecryptedKey d = KeyWrapper.unwrap(k, PASS);
        assertArrayEquals(K, d.key());
        assertEquals(k.created(), d.created());
        assertEquals("0e:ab:d4:46:0b:6e:b9:ca:34:50:23:de:e2:b7:78:c7:90:e5:4a:16:83:b9:65:9c:0a:57:ae:19:90:90:15:9b",
                d.fingerprint().toString());
    }

    @Test
    void pbkdf2KeyFileIsByteExact() {
        KeyConfig k = specWrapper().wrap(K, PASS, Kdf.Type.PBKDF2, null);
        String json = KeyConfigCodec.toJson(k);
        assertTrue(json.startsWith("{\"kdf\":{\"PBKDF2\":{\"iter\":65535,\"salt\":\"ERERERERERERERERERERERERERERERERERERERERERE=\"}},"), json);
        assertEquals("IiIiIiIiIiIiIiIiIiIiItxeHuJ5Om7MQckpSXJtgNZbn/POb3WZbU53QebVlFLX2eBlpnb44h7o+PWevYZhDQ==",
                Base64.getEncoder().encodeToString(k.data()));
        assertArrayEquals(K, KeyWrapper.unwrap(KeyConfigCodec.parse(json, "kf"), PASS).key());
    }

    @Test
    void specFileOpensWithItsPassphrase() {
        KeyConfig k = KeyConfigCodec.parse(KeyConfigCodecTest.SCRYPT_FILE, "kf");
        assertArrayEquals(K, KeyWrapper.unwrap(k, PASS).key());
    }

    @Test
    void wrongPasswordNamesTheHint() {
        KeyWrapper w = new KeyWrapper(NEW_YEAR, RandomSource.secure());
        KeyConfig noHint = w.wrap(K, PASS, Kdf.Type.PBKDF2, null);
        DecryptionException e = assertThrows(DecryptionException.class,
                () -> KeyWrapper.unwrap(noHint, "wrong-password".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("wrong password?"), e.getMessage());
        KeyConfig withHint = w.wrap(K, PASS, Kdf.Type.PBKDF2, "the test one");
        e = assertThrows(DecryptionException.class,
                () -> KeyWrapper.unwrap(withHint, "wrong-password".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("the test one"), e.getMessage());
        assertEquals("key config", e.source());
    }

    @Test
    void passphraseTooShort() {
        KeyWrapper w = new KeyWrapper(NEW_YEAR, RandomSource.secure());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.wrap(K, "1234".getBytes(StandardCharsets.UTF_8), Kdf.Type.SCRYPT, null));
        assertEquals("Passphrase is too short!", e.getMessage());
        KeyConfig k = w.wrap(K, "12345".getBytes(StandardCharsets.UTF_8), Kdf.Type.PBKDF2, null);
        DecryptionException d = assertThrows(DecryptionException.class,
                () -> KeyWrapper.unwrap(k, "1234".getBytes(StandardCharsets.UTF_8)));
        assertTrue(d.getMessage().endsWith("Passphrase is too short!"));
        assertThrows(DecryptionException.class, () -> KeyWrapper.unwrap(k, null));
    }

    @Test
    void fingerprintMismatchIsRefused() {
        KeyConfig k = new KeyWrapper(NEW_YEAR, RandomSource.secure()).withoutPassword(K, OffsetDateTime.now(NEW_YEAR));
        KeyConfig forged = new KeyConfig(null, k.created(), k.modified(), k.data(),
                CryptConfig.fromKey(new byte[32]).fingerprint(), null);
        assertThrows(ChecksumMismatchException.class, () -> KeyWrapper.unwrap(forged, null));
        KeyConfig wrongLength = new KeyConfig(null, k.created(), k.modified(), new byte[31], null, null);
        assertThrows(CorruptDataException.class, () -> KeyWrapper.unwrap(wrongLength, null));
    }

    @Test
    void withoutPasswordKeepsCreatedAndSetsModifiedNow() {
        OffsetDateTime created = OffsetDateTime.parse("2020-05-05T10:00:00+02:00");
        Clock later = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneId.of("Europe/Vienna"));
        KeyConfig k = new KeyWrapper(later, RandomSource.secure()).withoutPassword(K, created);
        assertNull(k.kdf());
        assertArrayEquals(K, k.data());
        assertEquals("{\"kdf\":null,\"created\":\"2020-05-05T10:00:00+02:00\",\"modified\":\"2024-03-01T13:00:00+01:00\","
                + "\"data\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"fingerprint\":\"0e:ab:d4:46:0b:6e:b9:ca:34:50:"
                + "23:de:e2:b7:78:c7:90:e5:4a:16:83:b9:65:9c:0a:57:ae:19:90:90:15:9b\"}", KeyConfigCodec.toJson(k));
        assertArrayEquals(K, KeyWrapper.unwrap(k, null).key());
    }

    @Test
    void changePassphraseRewrapsTheSameKey() {
        KeyConfig old = specWrapper().wrap(K, PASS, Kdf.Type.PBKDF2, null);
        Clock later = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        byte[] newPass = "another passphrase".getBytes(StandardCharsets.UTF_8);
        KeyConfig changed = new KeyWrapper(later, RandomSource.secure())
                .changePassphrase(old, PASS, newPass, Kdf.Type.PBKDF2, "new hint");
        assertEquals(old.created(), changed.created());
        assertEquals(OffsetDateTime.parse("2025-01-01T00:00:00Z"), changed.modified());
        assertNotEquals(old.kdf(), changed.kdf());
        assertEquals(old.fingerprint(), changed.fingerprint());
        assertArrayEquals(K, KeyWrapper.unwrap(changed, newPass).key());
        assertThrows(DecryptionException.class, () -> KeyWrapper.unwrap(changed, PASS));
    }

    @Test
    void createMakesARandomKey() {
        KeyWrapper w = new KeyWrapper(NEW_YEAR, RandomSource.secure());
        KeyConfig a = w.create(PASS, Kdf.Type.PBKDF2, null);
        KeyConfig b = w.create(PASS, Kdf.Type.PBKDF2, null);
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.fingerprint(), KeyWrapper.unwrap(a, PASS).fingerprint());
    }
}
