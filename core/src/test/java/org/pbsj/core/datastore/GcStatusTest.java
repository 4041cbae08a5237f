package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.pbsj.core.error.CorruptDataException;

class GcStatusTest {
    @Test
    void compactJsonInPbsOrder() {
        GcStatus s = new GcStatus("UPID:pbs:1:", 12, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        String json = new String(s.toJson(), StandardCharsets.UTF_8);
        assertEquals("{\"upid\":\"UPID:pbs:1:\",\"index-file-count\":12,\"index-data-bytes\":2,\"disk-bytes\":3,"
                + "\"disk-chunks\":4,\"removed-bytes\":5,\"removed-chunks\":6,\"pending-bytes\":7,"
                + "\"pending-chunks\":8,\"removed-bad\":9,\"still-bad\":10}", json);
        assertEquals(s, GcStatus.parse(s.toJson(), "x"));
        assertEquals("{\"upid\":null,", new String(GcStatus.EMPTY.toJson(), StandardCharsets.UTF_8).substring(0, 13));
    }

    @Test
    void missingKeysDefaultAndGarbageFails() {
        assertEquals(GcStatus.EMPTY, GcStatus.parse("{}".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(CorruptDataException.class, () -> GcStatus.parse("[1".getBytes(StandardCharsets.UTF_8), "x"));
    }
}
