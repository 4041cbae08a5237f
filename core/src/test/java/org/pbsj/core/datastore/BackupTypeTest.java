package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackupTypeTest {
    @Test
    void valuesAndOrder() {
        assertEquals(BackupType.VM, BackupType.parse("vm"));
        assertEquals("host", BackupType.HOST.value());
        assertEquals(0, BackupType.CT.order());
        assertEquals(1, BackupType.HOST.order());
        assertEquals(2, BackupType.VM.order());
        assertTrue(BackupType.isValid("ct"));
        assertFalse(BackupType.isValid("Vm"));
        assertThrows(InvalidNameException.class, () -> BackupType.parse("qemu"));
    }
}
