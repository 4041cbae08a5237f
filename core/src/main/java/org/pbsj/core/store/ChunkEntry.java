package org.pbsj.core.store;

import java.util.HexFormat;

/**
 * One file in the chunk area as the GC sweep sees it: a chunk ({@code <64 hex>}) or a bad copy
 * ({@code <64 hex>.<N>.bad}), with its size and atime (epoch seconds, the only time GC uses).
 */
public record ChunkEntry(String name, long size, long atime) {
    public static final int DIGEST_HEX_LENGTH = 64;
    private static final int BAD_NAME_LENGTH = DIGEST_HEX_LENGTH + ".0.bad".length();

    public ChunkEntry {
        if (!isChunkName(name)) {
            throw new IllegalArgumentException("not a chunk file name: " + name);
        }
    }

    /** True if the name ends in {@code .bad} (a copy renamed by verify). */
    public boolean bad() {
        return name.endsWith(".bad");
    }

    public String digestHex() {
        return name.substring(0, DIGEST_HEX_LENGTH);
    }

    public byte[] digest() {
        return HexFormat.of().parseHex(digestHex());
    }

    /**
     * The filter of every PBS chunk-store scan (datastore-layout.md §3): length exactly 64 or 70,
     * first 64 characters hex. Anything else (temp files) is ignored, never removed.
     */
    public static boolean isChunkName(String name) {
        int len = name.length();
        if (len != DIGEST_HEX_LENGTH && len != BAD_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < DIGEST_HEX_LENGTH; i++) {
            if (Character.digit(name.charAt(i), 16) < 0 || name.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }
}
