package org.pbsj.core.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The byte stream of an index archive, read sequentially while the next few chunks are
 * fetched and decoded ahead on worker threads (bounded read-ahead keeps memory flat).
 */
final class ArchiveInputStream extends InputStream {
    private final ChunkFetcher fetcher;
    private final int readAhead;
    private final ArrayDeque<CompletableFuture<byte[]>> queue = new ArrayDeque<>();
    private int nextToFetch;
    private byte[] current = new byte[0];
    private int pos;

    ArchiveInputStream(ChunkFetcher fetcher, int readAhead) {
        this.fetcher = fetcher;
        this.readAhead = Math.max(1, readAhead);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= current.length) {
            if (!advance()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean advance() throws IOException {
        while (queue.size() < readAhead && nextToFetch < fetcher.index().count()) {
            queue.add(fetcher.fetch(nextToFetch++));
        }
        if (queue.isEmpty()) {
            return false;
        }
        try {
            current = queue.poll().get();
            pos = 0;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("restore interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        queue.forEach(f -> f.cancel(false));
        queue.clear();
    }
}
