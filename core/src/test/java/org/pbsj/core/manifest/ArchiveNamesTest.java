package org.pbsj.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.error.UnsupportedFormatException;
import org.pbsj.core.index.ArchiveType;

class ArchiveNamesTest {

    @ParameterizedTest
    @CsvSource({
        "root.pxar.didx, DYNAMIC_INDEX", "catalog.pcat1.didx, DYNAMIC_INDEX", "drive-scsi0.img.fidx, FIXED_INDEX",
        "qemu-server.conf.blob, BLOB", "index.json.blob, BLOB", "x.mpxar.didx, DYNAMIC_INDEX", "a.blob.didx, DYNAMIC_INDEX"})
    void typeIsDecidedByLastExtension(String name, ArchiveType type) {
        assertEquals(type, ArchiveType.fromFileName(name));
        assertEquals(type, ArchiveNames.requireValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"root.pxar", "didx", ".didx", "a.DIDX", "a.didx.bak", "a.", "a.img"})
    void unknownArchiveTypes(String name) {
        assertThrows(UnsupportedFormatException.class, () -> ArchiveType.fromFileName(name));
        assertThrows(InvalidArchiveNameException.class, () -> ArchiveNames.requireValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden.blob", "-a.blob", "a b.blob", "a/b.blob", "../a.blob", "\u00e9.blob", "a.blob\n"})
    void unsafeNames(String name) {
        assertFalse(ArchiveNames.isSafeId(name));
        assertThrows(InvalidArchiveNameException.class, () -> ArchiveNames.requireValid(name));
    }

    @Test
    void safeNames() {
        assertTrue(ArchiveNames.isSafeId("_a.B-9.didx"));
        assertTrue(ArchiveNames.isSafeId("0"));
    }

    @Test
    void displayNameStripsIndexOrBlobExtension() {
        assertEquals("root.pxar", ArchiveNames.displayName("root.pxar.didx"));
        assertEquals("drive-scsi0.img", ArchiveNames.displayName("drive-scsi0.img.fidx"));
        assertEquals("qemu-server.conf", ArchiveNames.displayName("qemu-server.conf.blob"));
        assertEquals("other.txt", ArchiveNames.displayName("other.txt"));
    }

    @Test
    void addFileRequiresKnownType() {
        BackupManifest m = BackupManifest.create("vm", "100", 0);
        assertThrows(InvalidArchiveNameException.class,
                () -> m.withFile(new FileInfo("disk.raw", CryptMode.NONE, 1, new byte[32])));
        assertThrows(InvalidArchiveNameException.class, () -> new FileInfo("../x.blob", CryptMode.NONE, 1, new byte[32]));
    }
}
