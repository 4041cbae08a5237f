package org.pbsj.core.index;

import static org.pbsj.core.testutil.TestInputs.sha256;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import org.pbsj.core.chunker.BuzhashChunker;
import org.pbsj.core.testutil.TestInputs;

/** Builds index files from data the way a client would (chunk, hash, index). */
final class IndexFixtures {
    static final UUID UUID_1 = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    static final long CTIME = 1_700_000_000L;

    private IndexFixtures() {
    }

    static IndexSummary writeFixed(Path target, byte[] data, int chunkSize) throws IOException {
        try (FixedIndexWriter w = FixedIndexWriter.create(target, data.length, chunkSize, UUID_1, CTIME)) {
            for (int start = 0; start < data.length; start += chunkSize) {
                int len = Math.min(chunkSize, data.length - start);
                w.addChunk(start + len, len, sha256(data, start, len));
            }
            return w.finish(false);
        }
    }

    static IndexSummary writeDynamic(Path target, byte[] data, int avg) throws IOException {
        try (DynamicIndexWriter w = DynamicIndexWriter.create(target, UUID_1, CTIME)) {
            long start = 0;
            for (long end : TestInputs.chunkEnds(new BuzhashChunker(avg), data)) {
                w.addChunk(start, end - start, sha256(data, (int) start, (int) (end - start)));
                start = end;
            }
            return w.finish(false);
        }
    }

    /** Overwrites bytes of a file in place. */
    static void patch(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    static void patchLong(Path file, long offset, long value) throws IOException {
        patch(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value).array());
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x01)).rewind();
            ch.write(b, offset);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
