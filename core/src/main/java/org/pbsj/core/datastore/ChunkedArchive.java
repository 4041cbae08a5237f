package org.pbsj.core.datastore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.io.ReadAt;
import org.pbsj.core.store.ChunkStore;

/**
 * The archive an index describes, reassembled from unencrypted chunks of a chunk store: as one
 * sequential copy (download-decoded) or by positional reads (catalog and pxar browsing). Every
 * chunk is checked against its digest and its length in the index before a byte is used.
 *
 * <p>Not thread-safe: positional reads keep the last decoded chunk.
 */
public final class ChunkedArchive implements ReadAt {
    private final IndexFile index;
    private final ChunkStore store;
    private int cachedChunk = -1;
    private byte[] cached;

    public ChunkedArchive(IndexFile index, ChunkStore store) {
        this.index = Objects.requireNonNull(index, "index");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public long size() {
        return index.size();
    }

    /** Chunk {@code i} decoded and verified (encrypted chunks fail: there is no key here). */
    public byte[] chunk(int i) {
        long len = index.chunkLength(i);
        if (len < 0 || len > DataBlobCodec.MAX_BLOB_SIZE) {
            throw new CorruptDataException(index.source(), -1, "chunk " + i + " has impossible length " + len);
        }
        byte[] digest = index.digest(i);
        String source = store.relativePath(digest);
        return DataBlobCodec.decodeChunk(DataBlobCodec.load(store.read(digest), source), null, digest, (int) len);
    }

    /** Writes the whole archive, chunk by chunk. */
    public void copyTo(OutputStream out) throws IOException {
        for (int i = 0; i < index.count(); i++) {
            out.write(chunk(i));
        }
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
        if (dst.hasArray()) {
            int n = read(offset, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        byte[] buf = new byte[dst.remaining()];
        int n = read(offset, buf, 0, buf.length);
        if (n > 0) {
            dst.put(buf, 0, n);
        }
        return n;
    }

    /**
     * Reads up to {@code len} bytes at archive offset {@code position}.
     *
     * @return bytes read, or -1 if {@code position} is at or past the end
     */
    public int read(long position, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= index.size()) {
            return -1;
        }
        int done = 0;
        while (done < len && position + done < index.size()) {
            IndexFile.ChunkPosition cp = index.chunkFromOffset(position + done).orElseThrow(
                    () -> new CorruptDataException(index.source(), -1, "no chunk for offset " + position));
            if (cp.index() != cachedChunk) {
                cached = chunk(cp.index());
                cachedChunk = cp.index();
            }
            int n = (int) Math.min(len - done, cached.length - cp.offsetInChunk());
            System.arraycopy(cached, (int) cp.offsetInChunk(), dst, off + done, n);
            done += n;
        }
        return done;
    }
}
