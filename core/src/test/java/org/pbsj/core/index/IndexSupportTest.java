package org.pbsj.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class IndexSupportTest {

    @Test
    void tempPathReplacesLastExtension() {
        Path dir = Path.of("/ds/vm/100/2024-01-01T00:00:00Z");
        assertEquals(dir.resolve("drive-scsi0.img.tmp_fidx"),
                IndexSupport.tempPath(dir.resolve("drive-scsi0.img.fidx"), "tmp_fidx"));
        assertEquals(dir.resolve("root.pxar.tmp_didx"), IndexSupport.tempPath(dir.resolve("root.pxar.didx"), "tmp_didx"));
        assertEquals(dir.resolve("plain.tmp_didx"), IndexSupport.tempPath(dir.resolve("plain"), "tmp_didx"));
        assertEquals(dir.resolve(".hidden.tmp_didx"), IndexSupport.tempPath(dir.resolve(".hidden"), "tmp_didx"));
    }
}
