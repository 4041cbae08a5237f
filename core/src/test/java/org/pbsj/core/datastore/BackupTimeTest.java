package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupTimeTest {
    @Test
    void knownValues() {
        assertEquals("1970-01-01T00:00:01Z", BackupTime.format(1));
        assertEquals("2024-02-29T12:34:56Z", BackupTime.format(1709210096L));
        assertEquals("9999-12-31T23:59:59Z", BackupTime.format(BackupTime.MAX));
        assertEquals(1709210096L, BackupTime.parse("2024-02-29T12:34:56Z"));
    }

    @Test
    void roundTripOverRandomTimes() {
        Random r = new Random(42);
        for (int i = 0; i < 1000; i++) {
            long t = 1 + (r.nextLong() & Long.MAX_VALUE) % BackupTime.MAX;
            assertEquals(t, BackupTime.parse(BackupTime.format(t)));
        }
    }

    @Test
    void outOfRange() {
        assertThrows(InvalidNameException.class, () -> BackupTime.format(0));
        assertThrows(InvalidNameException.class, () -> BackupTime.format(BackupTime.MAX + 1));
        assertThrows(InvalidNameException.class, () -> BackupTime.parse("1970-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:60Z", "2024-01-01T00:00:00+01:00", "2024-01-01T00:00:00.5Z", "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00z", "", "../2024-01-01T00:00:00Z"})
    void invalid(String s) {
        assertFalse(BackupTime.isValid(s));
        assertThrows(InvalidNameException.class, () -> BackupTime.parse(s));
    }

    @Test
    void valid() {
        assertTrue(BackupTime.isValid("2000-01-01T00:00:00Z"));
    }
}
