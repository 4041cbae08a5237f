package org.pbsj.core.catalog;

import org.pbsj.core.io.ReadAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.error.CorruptDataException;

class CatalogVarintTest {

    /** A ByteSource over a hex string. */
    private static CatalogVarint.ByteSource source(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return new BlockCursor(ReadAt.of(b), "test", 0, b.length);
    }

    private static String u64(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogVarint.writeU64(out, v);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    private static String i64(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogVarint.writeI64(out, v);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @ParameterizedTest
    @CsvSource({"0,00", "127,7f", "128,8001", "200,c801", "300,ac02", "16384,808001",
        "-1,ffffffffffffffffff01"})
    void unsignedVectors(long v, String hex) {
        assertEquals(hex, u64(v));
        assertEquals(v, CatalogVarint.readU64(source(hex)));
    }

    @ParameterizedTest
    @CsvSource({"0,00", "1,01", "-1,8100", "-2,8200", "-127,ff00", "-128,808100", "1700000000,80e2cfaa06",
        "-9223372036854775808,8080808080808080808100", "9223372036854775807,ffffffffffffffff7f"})
    void signedVectors(long v, String hex) {
        assertEquals(hex, i64(v));
        assertEquals(v, CatalogVarint.readI64(source(hex)));
    }

    @Test
    void randomRoundTrips() {
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertEquals(v, CatalogVarint.readI64(source(i64(v))));
            assertEquals(v, CatalogVarint.readU64(source(u64(v))));
            if (v >= 0) {
                assertEquals(v, CatalogVarint.readI64(source(u64(v))), "u64 encoding decodes as i64");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "ffff", "ffffffffffffffffffff01", "ffffffffffffffffff02",
        "8080808080808080808080"})
    void badUnsigned(String hex) {
        assertThrows(CorruptDataException.class, () -> CatalogVarint.readU64(source(hex)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "81", "ffffffffffffffffff01", "8080808080808080808200",
        "808080808080808080808000", "8080808080808080808101"})
    void badSigned(String hex) {
        assertThrows(CorruptDataException.class, () -> CatalogVarint.readI64(source(hex)));
    }
}
