package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.index.FixedIndexV1;

@Timeout(60)
class DebugRecoverTest {
    private static final int CHUNK = 4096;

    @TempDir
    Path dir;
    DebugFixture fx;
    byte[] data;
    Path fidx;

    /** Four chunks: random, zeros, random, a short random tail. */
    @BeforeEach
    void setUp() throws IOException {
        fx = new DebugFixture(dir);
        data = new byte[3 * CHUNK + 1000];
        Random r = new Random(11);
        byte[] part = new byte[CHUNK];
        r.nextBytes(part);
        System.arraycopy(part, 0, data, 0, CHUNK);
        r.nextBytes(part);
        System.arraycopy(part, 0, data, 2 * CHUNK, CHUNK);
        r.nextBytes(part);
        System.arraycopy(part, 0, data, 3 * CHUNK, 1000);
        fidx = dir.resolve("store/vm/100/2024-06-01T00:00:00Z/drive-scsi0.img.fidx");
        fx.fixedIndex(fidx, data, CHUNK, null);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private Path chunk(int i) throws IOException {
        return fx.chunkFile(FixedIndexV1.open(fidx).digest(i));
    }

    @Test
    void allChunksPresent() throws IOException {
        DebugFixture.Run r = fx.run("recover", "index", fidx.toString(), "store", "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("drive-scsi0.img")), "default output name");
        assertEquals(1L, ((Number) r.json().get("zero-chunks")).longValue());
        assertEquals(List.of(), r.json().get("gaps"));
        // an existing output is never overwritten
        DebugFixture.Run again = fx.run("recover", "index", fidx.toString(), "store");
        assertEquals(1, again.rc());
        assertTrue(again.err().contains("output file exists"), again.err());
    }

    @Test
    void toStdoutAndDynamicIndex() throws IOException {
        Path didx = dir.resolve("root.pxar.didx");
        fx.dynamicIndex(didx, data, new int[] {100, 5000, data.length}, null);
        DebugFixture.Run r = fx.run("recover", "index", "root.pxar.didx", "store/.chunks", "--output", "-");
        assertEquals(0, r.rc(), r.err());
        assertArrayEquals(data, r.rawOut());
        assertTrue(r.err().contains("recovered " + data.length + " bytes"), r.err());
    }

    @Test
    void missingChunkFailsWithoutFlag() throws IOException {
        byte[] digest = FixedIndexV1.open(fidx).digest(2);
        Files.delete(chunk(2));
        DebugFixture.Run r = fx.run("recover", "index", fidx.toString(), "store", "--output", "out.img");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("chunk 2 (" + HexFormat.of().formatHex(digest) + ") at archive offset 8192"), r.err());
        assertTrue(r.err().contains("missing") && r.err().contains("--ignore-missing-chunks"), r.err());
        assertFalse(Files.exists(dir.resolve("out.img")), "partial output removed");
    }

    @Test
    void missingChunkZeroFilledWithFlag() throws IOException {
        byte[] digest = FixedIndexV1.open(fidx).digest(2);
        Files.delete(chunk(2));
        DebugFixture.Run r = fx.run("recover", "index", fidx.toString(), "store", "--output", "out.img",
                "--ignore-missing-chunks", "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        byte[] expected = data.clone();
        Arrays.fill(expected, 2 * CHUNK, 3 * CHUNK, (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("out.img")));
        List<?> gaps = (List<?>) r.json().get("gaps");
        assertEquals(1, gaps.size());
        Map<?, ?> g = (Map<?, ?>) gaps.get(0);
        assertEquals(8192L, ((Number) g.get("offset")).longValue());
        assertEquals(4096L, ((Number) g.get("length")).longValue());
        assertEquals(HexFormat.of().formatHex(digest), g.get("digest"));
        assertEquals("missing", g.get("reason"));

        DebugFixture.Run text = fx.run("recover", "index", fidx.toString(), "store", "--output", "out2.img",
                "--ignore-missing-chunks");
        assertTrue(text.out().contains("filled 4096 bytes at offset 8192 with zeros"), text.out());
    }

    @Test
    void corruptChunk() throws IOException {
        Path c = chunk(0);
        byte[] raw = Files.readAllBytes(c);
        raw[raw.length - 1] ^= 1;
        Files.write(c, raw);
        DebugFixture.Run fail = fx.run("recover", "index", fidx.toString(), "store", "--output", "a.img");
        assertEquals(1, fail.rc());
        assertTrue(fail.err().contains("chunk 0") && fail.err().contains("corrupt") && fail.err().contains(c.toString()),
                fail.err());
        // a missing-chunk flag does not cover corruption
        assertEquals(1, fx.run("recover", "index", fidx.toString(), "store", "--output", "b.img",
                "--ignore-missing-chunks").rc());
        DebugFixture.Run ok = fx.run("recover", "index", fidx.toString(), "store", "--output", "c.img",
                "--ignore-corrupt-chunks", "--output-format", "json");
        assertEquals(0, ok.rc(), ok.err());
        byte[] expected = data.clone();
        Arrays.fill(expected, 0, CHUNK, (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("c.img")));
        Map<?, ?> g = (Map<?, ?>) ((List<?>) ok.json().get("gaps")).get(0);
        assertEquals("corrupt", g.get("reason"));
        assertEquals(0L, ((Number) g.get("offset")).longValue());
    }

    @Test
    void skipCrc() throws IOException {
        // damage only the stored CRC: the content (and so the digest) is intact
        Path c = chunk(3);
        byte[] raw = Files.readAllBytes(c);
        raw[8] ^= (byte) 0xff;
        Files.write(c, raw);
        DebugFixture.Run fail = fx.run("recover", "index", fidx.toString(), "store", "--output", "a.img");
        assertEquals(1, fail.rc());
        assertTrue(fail.err().contains("wrong CRC"), fail.err());
        DebugFixture.Run ok = fx.run("recover", "index", fidx.toString(), "store", "--output", "b.img", "--skip-crc");
        assertEquals(0, ok.rc(), ok.err());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("b.img")));
    }

    @Test
    void encryptedNeedsKey() throws IOException {
        Path enc = dir.resolve("enc.img.fidx");
        fx.fixedIndex(enc, data, CHUNK, DebugFixture.key());
        DebugFixture.Run noKey = fx.run("recover", "index", "enc.img.fidx", "store", "--ignore-corrupt-chunks");
        assertEquals(1, noKey.rc());
        assertTrue(noKey.err().contains("--keyfile is needed"), noKey.err());
        DebugFixture.Run r = fx.run("recover", "index", "enc.img.fidx", "store", "--keyfile", fx.keyFile().toString());
        assertEquals(0, r.rc(), r.err());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("enc.img")));
    }

    @Test
    void damagedIndex() throws IOException {
        Path bad = dir.resolve("bad.fidx");
        Files.write(bad, Arrays.copyOf(Files.readAllBytes(fidx), 4096 + 40));
        DebugFixture.Run r = fx.run("recover", "index", "bad.fidx", "store");
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith("Error: " + bad + " at offset"), r.err());
    }
}
