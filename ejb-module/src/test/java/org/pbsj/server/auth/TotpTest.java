package org.pbsj.server.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED64 = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
        Instant t = Instant.ofEpochSecond(time);
        Totp t1 = new Totp(SEED20, "SHA1", 8, 30);
        assertEquals(sha1, t1.code(t1.counterAt(t)));
        Totp t256 = new Totp(SEED32, "SHA256", 8, 30);
        assertEquals(sha256, t256.code(t256.counterAt(t)));
        Totp t512 = new Totp(SEED64, "SHA512", 8, 30);
        assertEquals(sha512, t512.code(t512.counterAt(t)));
    }

    @Test
    void sixDigitDefaultIsTheLastSixOfTheEightDigitValue() {
        Totp t = new Totp(SEED20, "SHA1", 6, 30);
        assertEquals("287082", t.code(t.counterAt(Instant.ofEpochSecond(59))));
    }

    @Test
    void acceptsOneStepEitherSideAndNothingFurther() {
        Totp t = new Totp(SEED20, "SHA1", 6, 30);
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long c = t.counterAt(now);
        assertEquals(OptionalLong.of(c), t.verify(t.code(c), now));
        assertEquals(OptionalLong.of(c - 1), t.verify(t.code(c - 1), now));
        assertEquals(OptionalLong.of(c + 1), t.verify(t.code(c + 1), now));
        assertTrue(t.verify(t.code(c - 2), now).isEmpty());
        assertTrue(t.verify(t.code(c + 2), now).isEmpty());
        assertTrue(t.verify("12345", now).isEmpty());
        assertTrue(t.verify(null, now).isEmpty());
    }

    @Test
    void otpauthUriRoundTrip() {
        Totp t = Totp.fromUri("otpauth://totp/PBS:john%40pbs?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=PBS");
        assertArrayEquals(SEED20, t.secret());
        assertEquals("SHA1", t.algorithm());
        assertEquals(6, t.digits());
        assertEquals(30, t.period());
        Totp again = Totp.fromUri(t.toUri("john@pbs"));
        assertArrayEquals(SEED20, again.secret());
        Totp sha256 = Totp.fromUri("otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=sha256&digits=8&period=60");
        assertEquals("SHA256", sha256.algorithm());
        assertEquals(8, sha256.digits());
        assertEquals(60, sha256.period());
    }

    @Test
    void badUrisAreRejected() {
        for (String bad : new String[] {"http://x", "otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQ", "otpauth://totp/x",
            "otpauth://totp/x?secret=01189", "otpauth://totp/x?secret=GEZA", "otpauth://totp/x?secret=GEZDGNBVGY3TQOJQ&algorithm=MD5",
            "otpauth://totp/x?secret=GEZDGNBVGY3TQOJQ&digits=x"}) {
            assertThrows(IllegalArgumentException.class, () -> Totp.fromUri(bad), bad);
        }
    }

    @Test
    void base32MatchesRfc4648() {
        assertEquals("MZXW6YTBOI", Totp.Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Totp.Base32.decode("mzxw6ytboi======"));
    }
}
