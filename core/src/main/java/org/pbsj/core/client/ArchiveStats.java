package org.pbsj.core.client;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the upload of one archive did: sizes, reused and uploaded chunks, checksum, time. */
public final class ArchiveStats {
    private final String archiveName;
    private final long startNanos = System.nanoTime();
    private long size;
    private long chunks;
    private long uploadedChunks;
    private long uploadedBytes;
    private long encodedBytes;
    private long elapsedNanos;
    private byte[] csum;

    ArchiveStats(String archiveName) {
        this.archiveName = archiveName;
    }

    void chunk(int plainSize, boolean uploaded, int encodedSize) {
        chunks++;
        if (uploaded) {
            uploadedChunks++;
            uploadedBytes += plainSize;
            encodedBytes += encodedSize;
        }
    }

    /** For blobs: one "chunk" that is always uploaded. */
    void blob(long plainSize, long encodedSize, byte[] sha256) {
        chunks = 1;
        uploadedChunks = 1;
        uploadedBytes = plainSize;
        encodedBytes = encodedSize;
        finish(encodedSize, sha256);
    }

    void finish(long finalSize, byte[] checksum) {
        this.size = finalSize;
        this.csum = checksum.clone();
        this.elapsedNanos = System.nanoTime() - startNanos;
    }

    public String archiveName() {
        return archiveName;
    }

    /** The manifest size: stream size for indexes, encoded size for blobs. */
    public long size() {
        return size;
    }

    public byte[] csum() {
        return csum.clone();
    }

    public long chunks() {
        return chunks;
    }

    public long uploadedChunks() {
        return uploadedChunks;
    }

    public long uploadedBytes() {
        return uploadedBytes;
    }

    public long encodedBytes() {
        return encodedBytes;
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("archive", archiveName);
        m.put("size", size);
        m.put("csum", HexFormat.of().formatHex(csum));
        m.put("chunks", chunks);
        m.put("uploaded-chunks", uploadedChunks);
        m.put("uploaded-bytes", uploadedBytes);
        m.put("compressed-bytes", encodedBytes);
        m.put("duration", Math.round(seconds() * 1000) / 1000.0);
        return m;
    }
}
