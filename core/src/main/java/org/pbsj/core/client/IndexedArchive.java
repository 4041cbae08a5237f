package org.pbsj.core.client;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.io.ReadAt;

/**
 * Positional reads of an archive of a snapshot, chunk by chunk through a {@link ChunkFetcher}
 * (checked and decrypted), keeping the last few decoded chunks: random access for the pxar
 * accessor (previous {@code .mpxar} of change detection "metadata", {@code catalog shell}).
 * Not thread-safe.
 */
final class IndexedArchive implements ReadAt {
    static final int DEFAULT_CACHED_CHUNKS = 8;

    private final ChunkFetcher fetcher;
    private final IndexFile index;
    private final Map<Integer, byte[]> cache;
    private long chunksRead;

    IndexedArchive(ChunkFetcher fetcher, int cachedChunks) {
        this.fetcher = fetcher;
        this.index = fetcher.index();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > cachedChunks;
            }
        };
    }

    @Override
    public long size() {
        return index.size();
    }

    /** Chunks decoded so far (cache misses). */
    long chunksRead() {
        return chunksRead;
    }

    @Override
    public int read(long offset, ByteBuffer dst) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= index.size()) {
            return -1;
        }
        int done = 0;
        while (dst.hasRemaining() && offset + done < index.size()) {
            long at = offset + done;
            IndexFile.ChunkPosition cp = index.chunkFromOffset(at).orElseThrow(
                    () -> new CorruptDataException(index.source(), at, "no chunk for offset"));
            byte[] chunk = cache.get(cp.index());
            if (chunk == null) {
                chunk = fetcher.decode(cp.index());
                chunksRead++;
                cache.put(cp.index(), chunk);
            }
            int n = (int) Math.min(dst.remaining(), chunk.length - cp.offsetInChunk());
            dst.put(chunk, (int) cp.offsetInChunk(), n);
            done += n;
        }
        return done;
    }
}
