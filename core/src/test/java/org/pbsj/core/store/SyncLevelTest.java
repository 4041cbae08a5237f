package org.pbsj.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SyncLevelTest {
    @Test
    void pbsValues() {
        for (SyncLevel l : SyncLevel.values()) {
            assertEquals(l, SyncLevel.parse(l.value()));
        }
        assertEquals(SyncLevel.FILESYSTEM, SyncLevel.parse("filesystem"));
        assertThrows(IllegalArgumentException.class, () -> SyncLevel.parse("FILE"));
    }
}
