package org.pbsj.core.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.pbsj.core.index.IndexFile;

/**
 * {@code name.img:/path}: a file or block device as a fixed index of 4 MiB chunks (the last one
 * shorter). All-zero chunks get the well-known zero digest without hashing and are uploaded at
 * most once. With a base snapshot holding the same image size the writer is incremental
 * ({@code reuse-csum}): only slots whose digest changed are appended.
 */
final class ImageUpload {
    static final int CHUNK_SIZE = 4 * 1024 * 1024;
    private static final byte[] ZEROS = new byte[CHUNK_SIZE];

    private ImageUpload() {
    }

    static boolean isZero(byte[] b, int off, int len) {
        for (int pos = off; pos < off + len; pos += CHUNK_SIZE) {
            int n = Math.min(CHUNK_SIZE, off + len - pos);
            if (Arrays.mismatch(b, pos, pos + n, ZEROS, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }

    static ArchiveStats upload(ChunkPipeline pipeline, PreviousBackup previous, String archiveName, Path source)
            throws InterruptedException {
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = ch.size(); // the JDK asks BLKGETSIZE64 for block devices
            if (size <= 0) {
                throw new IllegalArgumentException("image " + source + " is empty");
            }
            pipeline.progress().addTotal(size);
            Optional<IndexFile> prev = previous.index(archiveName, pipeline.known());
            byte[][] slots = null;
            String reuseCsum = null;
            if (prev.isPresent() && prev.get().size() == size) {
                IndexFile idx = prev.get();
                slots = new byte[idx.count()][];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = idx.digest(i);
                }
                reuseCsum = HexFormat.of().formatHex(idx.computeCsum());
            }
            IndexUpload up = IndexUpload.fixed(pipeline, archiveName, size, slots, reuseCsum);
            try {
                for (long pos = 0; pos < size; pos += CHUNK_SIZE) {
                    byte[] chunk = new byte[(int) Math.min(CHUNK_SIZE, size - pos)];
                    readFully(ch, chunk, pos, source);
                    up.add(chunk);
                }
                return up.finish();
            } catch (InterruptedException | RuntimeException e) {
                up.abort();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + source, e);
        }
    }

    private static void readFully(FileChannel ch, byte[] dst, long pos, Path source) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(dst);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                throw new IOException("image " + source + " shrank during the backup (at " + (pos + buf.position()) + ")");
            }
        }
    }
}
