package org.pbsj.core.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.pxar.PxarAccessor;
import org.pbsj.core.pxar.PxarFormat;
import org.pbsj.core.pxar.fs.PayloadReuse;

/**
 * The previous snapshot's split archive as the reference of change detection "metadata"
 * (pxar-format.md §9.3): its {@code .mpxar} read through a reader session (chunks fetched on
 * demand, a few kept decoded), its {@code .ppxar} index, whose chunks the server already counts as
 * known, appended to the new payload index without their data.
 *
 * <p>Two stream edges are aligned so that an unchanged tree gives identical indexes: the new
 * stream's start marker is dropped when the previous stream's first chunk (which begins with an
 * identical one) is appended right after it, and the new tail marker is dropped when it directly
 * follows the previous stream's last chunk (which ends with an identical one).
 */
final class PreviousSplitArchive implements PayloadReuse, AutoCloseable {
    private static final byte[] START_MARKER = marker(PxarFormat.PAYLOAD_START_MARKER);
    private static final byte[] TAIL_MARKER = marker(PxarFormat.PAYLOAD_TAIL_MARKER);

    private final RestoreSource source;
    private final IndexedArchive metadata;
    private final PxarAccessor accessor;
    private final IndexFile payloadIndex;
    private final ChunkingOutputStream payload;
    private long lastInjectionEnd = -1;
    private boolean finalChunkAppended;

    private PreviousSplitArchive(RestoreSource source, IndexedArchive metadata, String name, IndexFile payloadIndex,
            ChunkingOutputStream payload) {
        this.source = source;
        this.metadata = metadata;
        this.accessor = PxarAccessor.openSplit(metadata, metadata.size(), null, 0, "previous " + name);
        this.payloadIndex = payloadIndex;
        this.payload = payload;
    }

    /**
     * @param source reader of the previous snapshot (closed with this object)
     * @param metaIndex the previous {@code .mpxar.didx}, checked against its manifest
     * @param metaInfo its manifest entry (crypt mode)
     * @param payloadIndex the previous {@code .ppxar.didx}, downloaded with {@code GET /previous}
     * @param crypt the key (same fingerprint as the previous manifest's), or null
     * @param payload the new payload stream
     */
    static PreviousSplitArchive open(RestoreSource source, IndexFile metaIndex, FileInfo metaInfo,
            IndexFile payloadIndex, CryptConfig crypt, ChunkingOutputStream payload) {
        ChunkFetcher fetcher = new ChunkFetcher(source, metaIndex, metaInfo, crypt, null);
        return new PreviousSplitArchive(source, new IndexedArchive(fetcher, IndexedArchive.DEFAULT_CACHED_CHUNKS),
                metaInfo.filename(), payloadIndex, payload);
    }

    @Override
    public PxarAccessor previousMetadata() {
        return accessor;
    }

    @Override
    public IndexFile previousPayloadIndex() {
        return payloadIndex;
    }

    /** Chunks of the previous metadata archive downloaded for the lookups. */
    long metadataChunksRead() {
        return metadata.chunksRead();
    }

    @Override
    public long inject(int first, int last, long position) throws IOException {
        if (payload.position() != position) {
            throw new IllegalStateException("payload stream at " + payload.position() + ", encoder at " + position);
        }
        long newStart;
        if (first == 0 && position == PxarFormat.HEADER_SIZE && Arrays.equals(payload.pendingBytes(), START_MARKER)) {
            payload.discardPending(); // chunk 0 of the previous stream starts with the same marker
            newStart = 0;
        } else {
            payload.cut();
            newStart = payload.position();
        }
        for (int i = first; i <= last; i++) {
            payload.appendKnown(payloadIndex.digest(i), (int) payloadIndex.chunkLength(i));
        }
        lastInjectionEnd = payload.position();
        finalChunkAppended = last == payloadIndex.count() - 1;
        return newStart;
    }

    /** After the encoder finished, before the payload stream is closed: the tail marker alignment. */
    void beforeClose() {
        if (finalChunkAppended && payload.position() == lastInjectionEnd + PxarFormat.HEADER_SIZE
                && Arrays.equals(payload.pendingBytes(), TAIL_MARKER)) {
            payload.discardPending(); // the previous stream's last chunk ends with the same marker
        }
    }

    @Override
    public void close() {
        source.close();
    }

    private static byte[] marker(long type) {
        return ByteBuffer.allocate(PxarFormat.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN).putLong(type)
                .putLong(PxarFormat.HEADER_SIZE).array();
    }
}
