package org.pbsj.core.chunker;

/**
 * Content-independent chunking into pieces of exactly {@code chunkSize} bytes; the last piece of
 * a stream is the remainder ({@code chunker.md} §4). Used for images ({@code *.img.fidx}).
 */
public final class FixedChunker implements Chunker {
    /** The server always creates fixed indexes with this chunk size. */
    public static final int DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

    private final int chunkSize;
    private int chunkLen;

    public FixedChunker() {
        this(DEFAULT_CHUNK_SIZE);
    }

    public FixedChunker(int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public int scan(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        int need = chunkSize - chunkLen;
        if (len < need) {
            chunkLen += len;
            return 0;
        }
        chunkLen = 0;
        return need;
    }

    @Override
    public void reset() {
        chunkLen = 0;
    }

    @Override
    public int maxChunkSize() {
        return chunkSize;
    }
}
