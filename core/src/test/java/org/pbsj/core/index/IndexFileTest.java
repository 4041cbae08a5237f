package org.pbsj.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pbsj.core.testutil.TestInputs.inputA;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.error.CorruptDataException;

class IndexFileTest {

    @TempDir
    Path dir;

    @Test
    void openChoosesFormatByMagic() throws IOException {
        byte[] data = inputA(200_000);
        Path f = dir.resolve("a.img.fidx");
        Path d = dir.resolve("a.pxar.didx");
        IndexFixtures.writeFixed(f, data, 65536);
        IndexFixtures.writeDynamic(d, data, 16384);
        IndexFile fixed = IndexFile.open(f);
        IndexFile dynamic = IndexFile.open(d);
        assertInstanceOf(FixedIndexV1.class, fixed);
        assertInstanceOf(DynamicIndexV1.class, dynamic);
        assertEquals(ArchiveType.FIXED_INDEX, fixed.archiveType());
        assertEquals(ArchiveType.DYNAMIC_INDEX, dynamic.archiveType());
        for (IndexFile idx : new IndexFile[] {fixed, dynamic}) {
            assertEquals(data.length, idx.size());
            long covered = 0;
            byte[] d32 = new byte[32];
            for (int i = 0; i < idx.count(); i++) {
                assertEquals(covered, idx.chunkStart(i));
                covered += idx.chunkLength(i);
                idx.digest(i, d32, 0);
                assertArrayEquals(d32, idx.digest(i));
            }
            assertEquals(data.length, covered);
        }
    }

    @Test
    void otherFilesAreRejected() throws IOException {
        Path f = dir.resolve("junk");
        Files.write(f, new byte[5000]);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IndexFile.open(f));
        assertEquals(0, e.offset());
        assertThrows(CorruptDataException.class, () -> IndexFile.wrap(ByteBuffer.allocate(10), "mem"));
        Files.write(f, new byte[0]);
        assertThrows(CorruptDataException.class, () -> IndexFile.open(f));
    }
}
