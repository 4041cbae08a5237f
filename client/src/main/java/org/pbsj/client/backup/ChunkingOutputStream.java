package org.pbsj.client.backup;

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
