package org.pbsj.core.client;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

import org.pbsj.core.index.IndexFile;

/**
 * Writes a fixed-index image to a regular file or a block device. Chunks are fetched, decoded
 * and written at their offsets on worker threads. In a file, zero chunks and zero 4 KiB blocks
 * are not written, so the file stays sparse (its length is set at the end); a device gets every
 * byte, since its old content is unknown.
 */
final class ImageRestore {
    private static final int BLOCK = 4096;
    private static final byte[] ZERO_BLOCK = new byte[BLOCK];

    private final ChunkFetcher fetcher;
    private final ExecutorService workers;
    private final int inFlight;
    private final Progress progress;

    ImageRestore(ChunkFetcher fetcher, ExecutorService workers, int threads, Progress progress) {
        this.fetcher = fetcher;
        this.workers = workers;
        this.inFlight = 2 * threads;
        this.progress = progress;
    }

    static boolean isDevice(Path p) {
        try {
            return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && Files.readAttributes(p, "unix:mode").get("mode") instanceof Integer mode
                    && (mode & 0170000) == 0060000;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    void writeTo(Path target) throws IOException {
        boolean device = isDevice(target);
        if (!device) {
            Restorer.requireNew(target);
        }
        IndexFile idx = fetcher.index();
        progress.addTotal(idx.size());
        byte[] zeroChunk = fetcher.zeroChunkDigest();
        try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
            FileChannel ch = raf.getChannel();
            if (device && ch.size() > 0 && ch.size() < idx.size()) {
                throw new IOException(target + " is smaller (" + ch.size() + ") than the image (" + idx.size() + ")");
            }
            ArrayDeque<CompletableFuture<Void>> pending = new ArrayDeque<>();
            for (int i = 0; i < idx.count(); i++) {
                int slot = i;
                long len = idx.chunkEnd(i) - idx.chunkStart(i);
                if (!device && Arrays.equals(idx.digest(i), zeroChunk)) {
                    progress.chunkDone(len, 0); // a hole
                    continue;
                }
                while (pending.size() >= inFlight) {
                    await(pending.poll());
                }
                pending.add(CompletableFuture.runAsync(() -> writeChunk(ch, slot, device), workers));
            }
            while (!pending.isEmpty()) {
                await(pending.poll());
            }
            if (!device) {
                raf.setLength(idx.size());
            }
        } catch (IOException | RuntimeException e) {
            if (!device) {
                Files.deleteIfExists(target); // no half-restored file that looks complete
            }
            throw e;
        }
    }

    private void writeChunk(FileChannel ch, int i, boolean device) {
        IndexFile idx = fetcher.index();
        byte[] data = fetcher.decode(i);
        long base = idx.chunkStart(i);
        try {
            if (device) {
                write(ch, data, 0, data.length, base);
            } else {
                writeSparse(ch, data, base);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write at offset " + base, e);
        }
        progress.chunkDone(data.length, 0);
    }

    /** Writes runs of non-zero 4 KiB blocks only. */
    private static void writeSparse(FileChannel ch, byte[] data, long base) throws IOException {
        int runStart = -1;
        for (int off = 0; off < data.length; off += BLOCK) {
            int n = Math.min(BLOCK, data.length - off);
            boolean zero = Arrays.mismatch(data, off, off + n, ZERO_BLOCK, 0, n) < 0;
            if (!zero && runStart < 0) {
                runStart = off;
            } else if (zero && runStart >= 0) {
                write(ch, data, runStart, off - runStart, base + runStart);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            write(ch, data, runStart, data.length - runStart, base + runStart);
        }
    }

    private static void write(FileChannel ch, byte[] data, int off, int len, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf, pos + (buf.position() - off));
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("restore interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }
}
