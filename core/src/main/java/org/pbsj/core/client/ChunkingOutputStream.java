package org.pbsj.core.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;

import org.pbsj.core.chunker.Chunker;

/**
 * A byte stream (a pxar archive, the catalog) cut into content-defined chunks as it is written
 * and fed to an {@link IndexUpload}. This is the serial stage: only the chunker runs on the
 * writing thread, and each byte is copied once into the current chunk's buffer.
 */
final class ChunkingOutputStream extends OutputStream {
    private final IndexUpload upload;
    private final Chunker chunker;
    private final byte[] current;
    private int fill;
    private long position;
    private boolean closed;
    private ArchiveStats result;

    ChunkingOutputStream(IndexUpload upload, Chunker chunker) {
        this.upload = upload;
        this.chunker = chunker;
        this.current = new byte[chunker.maxChunkSize()];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        while (len > 0) {
            int n = chunker.scan(b, off, len);
            int take = n == 0 ? len : n;
            System.arraycopy(b, off, current, fill, take);
            fill += take;
            position += take;
            off += take;
            len -= take;
            if (n > 0) {
                emit();
            }
        }
    }

    private void emit() throws InterruptedIOException {
        byte[] chunk = Arrays.copyOf(current, fill);
        fill = 0;
        try {
            upload.add(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("backup interrupted");
        }
    }

    /** Bytes of the stream so far, including appended known chunks. */
    long position() {
        return position;
    }

    /** The bytes written since the last chunk boundary. */
    byte[] pendingBytes() {
        return Arrays.copyOf(current, fill);
    }

    /** Ends the current chunk here (if any bytes are pending) and restarts the chunker. */
    void cut() throws IOException {
        if (fill > 0) {
            emit();
        }
        chunker.reset();
    }

    /** Forgets the bytes written since the last boundary (the caller replaces them by an identical chunk). */
    void discardPending() {
        position -= fill;
        fill = 0;
        chunker.reset();
    }

    /**
     * Appends a chunk the server knows (of the previous snapshot) without its data; call
     * {@link #cut} first so that the stream is at a boundary.
     */
    void appendKnown(byte[] digest, int size) throws IOException {
        if (fill != 0) {
            throw new IllegalStateException("known chunk appended in the middle of a chunk");
        }
        position += size;
        try {
            upload.addKnown(digest, size);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("backup interrupted");
        }
        chunker.reset();
    }

    /** Emits the final chunk and closes the index. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (fill > 0) {
            emit();
        }
        try {
            result = upload.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("backup interrupted");
        }
    }

    /** After {@link #close}: size and checksum of the archive. */
    ArchiveStats result() {
        return result;
    }

    /** Forgets the queued chunks after a failure. */
    void abort() {
        closed = true;
        upload.abort();
    }
}
