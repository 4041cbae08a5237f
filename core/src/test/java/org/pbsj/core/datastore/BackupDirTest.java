package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupDirTest {
    @Test
    void parseAndFormatRoundTrip() {
        BackupDir d = BackupDir.parse("ns/a/ns/b/ct/7/2024-01-01T00:00:00Z");
        assertEquals(BackupNamespace.parse("a/b"), d.ns());
        assertEquals(BackupGroup.parse(BackupNamespace.parse("a/b"), "ct/7"), d.group());
        assertEquals(1704067200L, d.time());
        assertEquals("ns/a/ns/b/ct/7/2024-01-01T00:00:00Z", d.path());
        assertEquals("ct/7/2024-01-01T00:00:00Z", d.toString());
        assertEquals(d, BackupDir.of(d.group(), "2024-01-01T00:00:00Z"));
        assertEquals("2024-01-01T00:00:00Z", BackupDir.parse("vm/1/2024-01-01T00:00:00Z").timeString());
    }

    @Test
    void orderIsGroupThenTime() {
        BackupDir a = Snapshots.of("vm/2/2024-01-01T00:00:00Z");
        BackupDir b = Snapshots.of("vm/10/2023-01-01T00:00:00Z");
        BackupDir c = Snapshots.of("vm/10/2024-01-01T00:00:00Z");
        assertEquals(-1, Integer.signum(a.compareTo(b)));
        assertEquals(-1, Integer.signum(b.compareTo(c)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm/1", "vm/1/2024-01-01", "vm/1/../2024-01-01T00:00:00Z", "x/vm/1/2024-01-01T00:00:00Z",
            "ns/../vm/1/2024-01-01T00:00:00Z", "vm/1/2024-01-01T00:00:00+00:00", "/vm/1/2024-01-01T00:00:00Z"})
    void badPathsAreRejected(String path) {
        assertThrows(InvalidNameException.class, () -> BackupDir.parse(path));
    }
}
