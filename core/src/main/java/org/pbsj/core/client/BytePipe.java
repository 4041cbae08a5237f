package org.pbsj.core.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded in-memory pipe between two threads (unlike {@link java.io.PipedInputStream} it
 * neither polls nor copies byte by byte): the writer hands over copies of its buffers, at most
 * {@code capacity} of them queued. Either side can {@link #fail} it to unblock the other.
 */
final class BytePipe {
    private static final byte[] EOF = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private volatile Throwable failure;

    BytePipe(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void fail(Throwable t) {
        failure = t;
        queue.clear();
        queue.offer(EOF); // wake a waiting reader; a waiting writer sees the failure on its next put
    }

    private void check() throws IOException {
        if (failure != null) {
            throw new IOException("pipe broken: " + failure.getMessage(), failure);
        }
    }

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                put(Arrays.copyOfRange(b, off, off + len));
            }
        }

        @Override
        public void close() throws IOException {
            put(EOF);
        }

        private void put(byte[] piece) throws IOException {
            try {
                while (!queue.offer(piece, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    check();
                }
                check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("pipe write interrupted");
            }
        }
    };

    final InputStream in = new InputStream() {
        private byte[] current = new byte[0];
        private int pos;
        private boolean eof;

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
                if (eof) {
                    return -1;
                }
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("pipe read interrupted");
                }
                check();
                pos = 0;
                eof = current == EOF;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    };
}
