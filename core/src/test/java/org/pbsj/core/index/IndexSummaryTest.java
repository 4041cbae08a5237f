package org.pbsj.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IndexSummaryTest {

    @Test
    void csumIsCopiedAndHexEncoded() {
        byte[] csum = new byte[32];
        csum[0] = (byte) 0xab;
        IndexSummary s = new IndexSummary(10, 1, csum);
        csum[0] = 0;
        s.csum()[1] = 1;
        assertEquals("ab" + "00".repeat(31), s.csumHex());
    }
}
