package org.pbsj.core.index;

import java.util.HexFormat;

/**
 * What a finished index writer produced: the values the server checks against the client's
 * announcement and stores in the manifest ({@code size}, {@code csum}).
 */
public record IndexSummary(long size, int chunkCount, byte[] csum) {
    public IndexSummary {
        csum = csum.clone();
    }

    @Override
    public byte[] csum() {
        return csum.clone();
    }

    public String csumHex() {
        return HexFormat.of().formatHex(csum);
    }
}
