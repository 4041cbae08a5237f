package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.index.IndexSummary;

@Timeout(60)
class DebugInspectTest {
    @TempDir
    Path dir;
    DebugFixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new DebugFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void plainChunkByDigest() {
        byte[] data = random(5000, 1); // incompressible: stored uncompressed
        byte[] digest = fx.insert(data, null, true);
        DebugFixture.Run r = fx.run("inspect", "chunk", hex(digest), "--chunk-dir", "store", "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        Map<String, Object> j = r.json();
        assertEquals("uncompressed blob v1.0", j.get("magic"));
        assertEquals("none", j.get("crypt-mode"));
        assertEquals(false, j.get("compressed"));
        assertEquals(true, j.get("crc-ok"));
        assertEquals(5012L, ((Number) j.get("encoded-size")).longValue());
        assertEquals(5000L, ((Number) j.get("decoded-size")).longValue());
        assertEquals("plain", j.get("digest-kind"));
        assertEquals("ok", j.get("digest-check"));
    }

    @Test
    void compressedChunkFileWithDecode() throws IOException {
        byte[] data = "hello hello hello hello hello hello hello hello".repeat(100).getBytes();
        byte[] digest = fx.insert(data, null, true);
        Path chunk = fx.chunkFile(digest);
        DebugFixture.Run r = fx.run("inspect", "chunk", chunk.toString(), "--decode", "out.bin");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("compressed blob v1.0"), r.out());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("out.bin")));
        // to stdout: the report moves to stderr
        DebugFixture.Run s = fx.run("inspect", "chunk", chunk.toString(), "--decode", "-");
        assertArrayEquals(data, s.rawOut());
        assertTrue(s.err().contains("digest-check"), s.err());
    }

    @Test
    void encryptedChunkWithAndWithoutKey() throws IOException {
        byte[] data = random(3000, 2);
        byte[] digest = fx.insert(data, DebugFixture.key(), true);
        String key = fx.keyFile().toString();
        DebugFixture.Run r = fx.run("inspect", "chunk", hex(digest), "--chunk-dir", "store/.chunks", "--keyfile", key,
                "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        assertEquals("encrypt", r.json().get("crypt-mode"));
        assertEquals("keyed", r.json().get("digest-kind"));
        assertEquals("ok", r.json().get("digest-check"));

        DebugFixture.Run noKey = fx.run("inspect", "chunk", hex(digest), "--chunk-dir", "store", "--output-format", "json");
        assertEquals(0, noKey.rc(), noKey.err());
        assertEquals("no key to check", noKey.json().get("digest-check"));

        // a different key fails the GCM tag: reported, exit 1
        byte[] other = DebugFixture.KEY.clone();
        other[0] ^= 1;
        Path otherKey = dir.resolve("other.json");
        Files.writeString(otherKey, org.pbsj.core.crypto.KeyConfigCodec.toJson(
                new org.pbsj.core.crypto.KeyWrapper(java.time.Clock.systemUTC(), org.pbsj.core.crypto.RandomSource.secure())
                        .withoutPassword(other, java.time.OffsetDateTime.now())));
        DebugFixture.Run wrong = fx.run("inspect", "chunk", hex(digest), "--chunk-dir", "store", "--keyfile", "other.json");
        assertEquals(1, wrong.rc());
        assertTrue(wrong.err().startsWith("Error: ") && wrong.err().contains("cannot decode"), wrong.err());
    }

    @Test
    void damagedChunkIsReportedNotCrashed() throws IOException {
        byte[] data = random(2000, 3);
        byte[] digest = fx.insert(data, null, false);
        Path chunk = fx.chunkFile(digest);
        byte[] raw = Files.readAllBytes(chunk);
        raw[100] ^= 0x10;
        Files.write(chunk, raw);
        DebugFixture.Run r = fx.run("inspect", "chunk", chunk.toString(), "--output-format", "json");
        assertEquals(1, r.rc());
        assertEquals(false, r.json().get("crc-ok"));
        assertEquals("mismatch", r.json().get("digest-check"));
        assertTrue(r.err().contains(chunk.toString()) && r.err().contains("wrong CRC"), r.err());

        Files.write(chunk, new byte[] {1, 2, 3});
        DebugFixture.Run tiny = fx.run("inspect", "chunk", chunk.toString());
        assertEquals(1, tiny.rc());
        assertTrue(tiny.err().startsWith("Error: " + chunk), tiny.err());
    }

    @Test
    void fixedIndex() throws IOException {
        byte[] data = random(10_000, 4);
        Path fidx = dir.resolve("snap/drive-scsi0.img.fidx");
        IndexSummary s = fx.fixedIndex(fidx, data, 4096, null);
        DebugFixture.Run r = fx.run("inspect", "file", fidx.toString(), "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        Map<String, Object> j = r.json();
        assertEquals("fidx", j.get("type"));
        assertEquals(10_000L, ((Number) j.get("size")).longValue());
        assertEquals(4096L, ((Number) j.get("chunk-size")).longValue());
        assertEquals(3L, ((Number) j.get("chunk-count")).longValue());
        assertEquals(hex(s.csum()), j.get("csum-stored"));
        assertEquals(true, j.get("csum-ok"));
        List<?> chunks = (List<?>) j.get("chunks");
        Map<?, ?> last = (Map<?, ?>) chunks.get(2);
        assertEquals(8192L, ((Number) last.get("offset")).longValue());
        assertEquals(1808L, ((Number) last.get("size")).longValue());
        DebugFixture.Run text = fx.run("inspect", "file", fidx.toString());
        assertTrue(text.out().contains("chunk-count") && text.out().contains("8192"), text.out());
    }

    @Test
    void dynamicIndexAndDamagedIndex() throws IOException {
        byte[] data = random(9000, 5);
        Path didx = dir.resolve("snap/root.pxar.didx");
        fx.dynamicIndex(didx, data, new int[] {1000, 5000, 9000}, null);
        DebugFixture.Run r = fx.run("inspect", "file", didx.toString(), "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        assertEquals("didx", r.json().get("type"));
        assertEquals(9000L, ((Number) r.json().get("size")).longValue());
        assertEquals(3, ((List<?>) r.json().get("chunks")).size());

        byte[] raw = Files.readAllBytes(didx);
        raw[4096 + 40 + 8 + 5] ^= 1; // a digest byte of entry 1: the stored csum no longer matches
        Files.write(didx, raw);
        DebugFixture.Run bad = fx.run("inspect", "file", didx.toString(), "--output-format", "json");
        assertEquals(1, bad.rc());
        assertEquals(false, bad.json().get("csum-ok"));
        assertTrue(bad.err().contains("offset 32") && bad.err().contains("csum mismatch"), bad.err());

        Files.write(didx, java.util.Arrays.copyOf(raw, 4100));
        DebugFixture.Run cut = fx.run("inspect", "file", didx.toString());
        assertEquals(1, cut.rc());
        assertTrue(cut.err().startsWith("Error: " + didx) && cut.err().contains("offset"), cut.err());
    }

    @Test
    void blobAndUnsignedManifest() throws IOException {
        Path snap = dir.resolve("store/host/elsa/2024-06-01T00:00:00Z");
        IndexSummary s = fx.dynamicIndex(snap.resolve("root.pxar.didx"), random(3000, 6), new int[] {3000}, null);
        fx.manifest(snap, null, DebugFixture.info("root.pxar.didx", s, CryptMode.NONE),
                DebugFixture.info("gone.img.fidx", s, CryptMode.NONE));
        DebugFixture.Run r = fx.run("inspect", "file", snap.resolve("index.json.blob").toString(), "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        Map<String, Object> j = r.json();
        assertEquals("compressed blob v1.0", j.get("magic"));
        assertEquals("unsigned", j.get("signature"));
        assertEquals("elsa", j.get("backup-id"));
        List<?> files = (List<?>) j.get("files");
        assertEquals("ok", ((Map<?, ?>) files.get(0)).get("check"));
        assertEquals("missing", ((Map<?, ?>) files.get(1)).get("check"));
        DebugFixture.Run text = fx.run("inspect", "file", snap.resolve("index.json.blob").toString());
        assertTrue(text.out().contains("root.pxar.didx") && text.out().contains("unsigned"), text.out());
    }

    @Test
    void signedManifest() throws IOException {
        Path snap = dir.resolve("snap");
        IndexSummary s = fx.dynamicIndex(snap.resolve("root.pxar.didx"), random(3000, 7), new int[] {3000},
                DebugFixture.key());
        Path m = fx.manifest(snap, DebugFixture.key(), DebugFixture.info("root.pxar.didx", s, CryptMode.ENCRYPT));
        String key = fx.keyFile().toString();
        assertEquals("valid", fx.run("inspect", "file", m.toString(), "--keyfile", key, "--output-format", "json")
                .json().get("signature"));
        assertEquals("no key to check", fx.run("inspect", "file", m.toString(), "--output-format", "json")
                .json().get("signature"));
        // tamper with the signed part, keep the signature
        String json = new String(org.pbsj.core.blob.DataBlobCodec.decode(org.pbsj.core.blob.DataBlobCodec.load(
                Files.readAllBytes(m), "m"), null, null)).replace("\"elsa\"", "\"anna\"");
        Files.write(m, org.pbsj.core.blob.DataBlobCodec.encode(json.getBytes(), null, true).raw());
        DebugFixture.Run bad = fx.run("inspect", "file", m.toString(), "--keyfile", key, "--output-format", "json");
        assertEquals(1, bad.rc());
        assertEquals("invalid", bad.json().get("signature"));
        assertTrue(bad.err().contains("signature"), bad.err());
    }

    @Test
    void unknownFileAndUsage() throws IOException {
        Files.write(dir.resolve("junk"), new byte[100]);
        DebugFixture.Run r = fx.run("inspect", "file", "junk");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("junk at offset 0"), r.err());
        assertEquals(1, fx.run("inspect", "file", "nothing-here").rc());
        assertEquals(2, fx.run("inspect", "chunk", "00".repeat(32)).rc(), "a digest needs --chunk-dir");
        assertEquals(0, fx.run("--help").rc());
    }

    @Test
    void rawCatalog() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.pbsj.core.catalog.CatalogWriter w = new org.pbsj.core.catalog.CatalogWriter(out);
        w.startDirectory("root.pxar.didx");
        w.addFile("a.txt", 5, 1700000000L);
        w.endDirectory();
        w.finish();
        Files.write(dir.resolve("catalog.pcat1"), out.toByteArray());
        DebugFixture.Run r = fx.run("inspect", "file", "catalog.pcat1", "--output-format", "json");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("/root.pxar.didx/a.txt"), r.out());
    }
}
