package org.pbsj.core.chunker;

/**
 * Splits a byte stream into chunks, fed in pieces of any size ({@code chunker.md} §3.1).
 *
 * <p>A pipeline keeps the bytes of the current chunk in its own buffer and calls {@link #scan}
 * on the part it has not scanned yet. A non-zero result {@code n} means the chunk ends after
 * {@code buf[off + n - 1]}; the chunker has already reset and the caller scans
 * {@code buf[off + n ..]} next. At end of input the caller emits whatever remains as the final
 * chunk: the end of the stream never makes a boundary by itself. Instances are stateful and
 * not thread-safe; use one per stream.
 */
public interface Chunker {

    /**
     * Consumes bytes of {@code buf[off, off + len)} into the current chunk.
     *
     * @return the number of bytes up to and including the boundary byte (1..len), or 0 if the
     *     whole range was consumed without reaching a boundary
     */
    int scan(byte[] buf, int off, int len);

    default int scan(byte[] buf) {
        return scan(buf, 0, buf.length);
    }

    /** Forgets the current chunk, as if a boundary had just been found. */
    void reset();

    /** Upper bound of a chunk's length; lets callers size their buffers once. */
    int maxChunkSize();
}
