package org.pbsj.core.backup;

import java.util.LinkedHashMap;
import java.util.Map;

/** Chunk upload statistics of a session or of one index writer (manifest {@code chunk_upload_stats}). */
final class UploadStats {
    long count;
    long size;
    long compressedSize;
    long duplicates;

    void add(long rawSize, long encodedSize, boolean duplicate) {
        count++;
        size += rawSize;
        compressedSize += encodedSize;
        if (duplicate) {
            duplicates++;
        }
    }

    void addAll(UploadStats other) {
        count += other.count;
        size += other.size;
        compressedSize += other.compressedSize;
        duplicates += other.duplicates;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("size", size);
        m.put("compressed_size", compressedSize);
        m.put("duplicates", duplicates);
        return m;
    }
}
