package org.pbsj.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;

import com.github.luben.zstd.Zstd;

import org.junit.jupiter.api.Test;
import org.pbsj.core.error.CorruptDataException;

class BoundedZstdTest {
    final BoundedZstd zstd = BoundedZstd.get();

    @Test
    void compressesAfterHeadroom() {
        byte[] data = DataBlobCodecTest.compressible(100_000);
        int n = zstd.compress(data, 0, data.length, 12);
        byte[] frame = Arrays.copyOfRange(zstd.scratch(), 12, 12 + n);
        assertEquals(data.length, Zstd.getFrameContentSize(frame));
        assertArrayEquals(data, Zstd.decompress(frame, data.length));
    }

    @Test
    void streamingDecodeGrowsFromAnySizeHint() throws IOException {
        byte[] data = DataBlobCodecTest.compressible(1_000_003);
        byte[] frame = DataBlobCodecTest.streamCompress(data);
        for (int hint : new int[] {-1, 0, 1, 999_999, 1_000_003, 1_000_004, 5_000_000}) {
            assertArrayEquals(data, zstd.decompress(frame, 0, frame.length, 8 << 20, hint, "s", 12), "hint " + hint);
        }
        // Exactly at the limit is fine, one byte below is not.
        assertArrayEquals(data, zstd.decompress(frame, 0, frame.length, data.length, -1, "s", 12));
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> zstd.decompress(frame, 0, frame.length, data.length - 1, -1, "s", 12));
        assertEquals(12, e.offset());
    }

    @Test
    void garbageAndTrailingBytesAreErrors() throws IOException {
        byte[] frame = DataBlobCodecTest.streamCompress(DataBlobCodecTest.compressible(10_000));
        byte[] trailing = Arrays.copyOf(frame, frame.length + 3);
        assertThrows(CorruptDataException.class, () -> zstd.decompress(trailing, 0, trailing.length, 1 << 20, -1, "s", 12));
        byte[] garbage = DataBlobCodecTest.random(1000, 5);
        assertThrows(CorruptDataException.class, () -> zstd.decompress(garbage, 0, garbage.length, 1 << 20, -1, "s", 12));
        byte[] cut = Arrays.copyOf(frame, frame.length / 2);
        assertThrows(CorruptDataException.class, () -> zstd.decompress(cut, 0, cut.length, 1 << 20, -1, "s", 12));
        // The context is usable again after errors.
        byte[] ok = DataBlobCodecTest.compressible(10_000);
        assertArrayEquals(ok, zstd.decompress(frame, 0, frame.length, 1 << 20, -1, "s", 12));
    }
}
