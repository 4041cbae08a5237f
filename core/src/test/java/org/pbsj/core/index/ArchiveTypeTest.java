package org.pbsj.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.error.UnsupportedFormatException;

class ArchiveTypeTest {

    @Test
    void knownExtensions() {
        assertEquals(ArchiveType.DYNAMIC_INDEX, ArchiveType.fromFileName("root.pxar.didx"));
        assertEquals(ArchiveType.DYNAMIC_INDEX, ArchiveType.fromFileName("catalog.pcat1.didx"));
        assertEquals(ArchiveType.FIXED_INDEX, ArchiveType.fromFileName("drive-scsi0.img.fidx"));
        assertEquals(ArchiveType.BLOB, ArchiveType.fromFileName("index.json.blob"));
        assertEquals(ArchiveType.BLOB, ArchiveType.fromPath(Path.of("/ds/vm/100/x/qemu-server.conf.blob")));
        assertEquals("fidx", ArchiveType.FIXED_INDEX.extension());
    }

    @ParameterizedTest
    @ValueSource(strings = {"root.pxar", "drive.img.tmp_fidx", "didx", ".didx", "a.DIDX", "a.blob.", ""})
    void otherNamesAreRejected(String name) {
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> ArchiveType.fromFileName(name));
        assertEquals(name, e.source());
    }
}
