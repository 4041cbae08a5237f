package org.pbsj.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real file data for the benchmarks, cut into 4 MiB buffers. Read from the file named by the
 * system property {@code pbsj.bench.corpus} (bench/core-bench.sh builds it, so that openssl and
 * zstd measure the same bytes); without it, files under /usr/lib and /usr/share are
 * concatenated in sorted path order. Never random data or zeros: both flatter or distort
 * compression and chunking.
 */
final class Corpus {
    static final int BUFFER_SIZE = 4 * 1024 * 1024;
    /** 16 buffers = 64 MiB: more than the last-level cache, so every op reads from memory. */
    static final int BUFFERS = Integer.getInteger("pbsj.bench.buffers", 16);

    private Corpus() {
    }

    static byte[][] load() {
        byte[] all = new byte[BUFFERS * BUFFER_SIZE];
        int filled;
        try {
            String file = System.getProperty("pbsj.bench.corpus");
            filled = file != null ? readFrom(List.of(Path.of(file)), all) : readFrom(systemFiles(), all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (filled < all.length) {
            throw new IllegalStateException("corpus has only " + filled + " bytes, need " + all.length);
        }
        byte[][] buffers = new byte[BUFFERS][];
        for (int i = 0; i < BUFFERS; i++) {
            buffers[i] = java.util.Arrays.copyOfRange(all, i * BUFFER_SIZE, (i + 1) * BUFFER_SIZE);
        }
        return buffers;
    }

    private static List<Path> systemFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : new String[] {"/usr/lib", "/usr/share"}) {
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                s.filter(p -> Files.isRegularFile(p) && Files.isReadable(p)).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static int readFrom(List<Path> files, byte[] dst) throws IOException {
        int pos = 0;
        for (Path p : files) {
            if (pos == dst.length) {
                break;
            }
            try (InputStream in = Files.newInputStream(p)) {
                pos += in.readNBytes(dst, pos, dst.length - pos);
            } catch (IOException skipped) {
                // unreadable system file: take the next one
            }
        }
        return pos;
    }
}
