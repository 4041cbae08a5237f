package org.pbsj.core.datastore;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.pbsj.core.json.Json;

/**
 * {@code <store>/.gc-status}: result of the last garbage collection (datastore-layout.md §2.1),
 * compact one-line JSON with kebab-case keys, all present, in PBS's field order.
 */
public record GcStatus(String upid, long indexFileCount, long indexDataBytes, long diskBytes, long diskChunks,
        long removedBytes, long removedChunks, long pendingBytes, long pendingChunks, long removedBad,
        long stillBad) {

    public static final GcStatus EMPTY = new GcStatus(null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public byte[] toJson() {
        Map<String, Object> m = Json.object();
        m.put("upid", upid);
        m.put("index-file-count", indexFileCount);
        m.put("index-data-bytes", indexDataBytes);
        m.put("disk-bytes", diskBytes);
        m.put("disk-chunks", diskChunks);
        m.put("removed-bytes", removedBytes);
        m.put("removed-chunks", removedChunks);
        m.put("pending-bytes", pendingBytes);
        m.put("pending-chunks", pendingChunks);
        m.put("removed-bad", removedBad);
        m.put("still-bad", stillBad);
        return Json.compact(m).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses the file content. Throws {@link org.pbsj.core.error.CorruptDataException} for invalid
     * JSON; a missing or non-numeric counter is read as 0, as serde's defaults do.
     */
    public static GcStatus parse(byte[] json, String source) {
        Map<String, Object> m = Json.parseObject(new String(json, StandardCharsets.UTF_8), source);
        Object upid = m.get("upid");
        return new GcStatus(upid instanceof String s ? s : null, num(m, "index-file-count"),
                num(m, "index-data-bytes"), num(m, "disk-bytes"), num(m, "disk-chunks"), num(m, "removed-bytes"),
                num(m, "removed-chunks"), num(m, "pending-bytes"), num(m, "pending-chunks"), num(m, "removed-bad"),
                num(m, "still-bad"));
    }

    private static long num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Long l ? l : 0;
    }
}
