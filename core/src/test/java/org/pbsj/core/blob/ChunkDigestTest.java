package org.pbsj.core.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.pbsj.core.crypto.CryptConfig;

class ChunkDigestTest {
    static final CryptConfig KEY = CryptConfig.fromKey(HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void plainAndKeyedDigestsOfHelloWorld() {
        assertEquals("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
                ChunkDigest.hex(ChunkDigest.of(HELLO, null)));
        assertEquals("29d6770e718a93cf4a7663ddc167cf40c128b67cc20d36bd49adec140981f9d5",
                ChunkDigest.hex(ChunkDigest.of(HELLO, KEY)));
    }

    @Test
    void zeroChunkDigests() {
        byte[] zero = new byte[4 * 1024 * 1024];
        assertEquals("bb9f8df61474d25e71fa00722318cd387396ca1736605e1248821cc0de3d3af8",
                ChunkDigest.hex(ChunkDigest.of(zero, null)));
        assertEquals("348571e12bbbedb529def1f1394316e338a01945d871df9ef792617ceb13d636",
                ChunkDigest.hex(ChunkDigest.of(zero, KEY)));
    }

    @Test
    void sliceDigestEqualsCopyDigest() {
        byte[] padded = ("xx" + "hello world" + "yy").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(ChunkDigest.of(HELLO, KEY), ChunkDigest.of(padded, 2, 11, KEY));
        assertArrayEquals(ChunkDigest.of(HELLO, null), ChunkDigest.plain(padded, 2, 11));
    }

    @Test
    void hexParsingAndMatching() {
        byte[] d = ChunkDigest.of(HELLO, null);
        assertArrayEquals(d, ChunkDigest.parseHex(ChunkDigest.hex(d)));
        assertTrue(ChunkDigest.matches(d, d.clone()));
        assertFalse(ChunkDigest.matches(d, ChunkDigest.of(HELLO, KEY)));
        assertThrows(IllegalArgumentException.class, () -> ChunkDigest.parseHex("abcd"));
    }
}
