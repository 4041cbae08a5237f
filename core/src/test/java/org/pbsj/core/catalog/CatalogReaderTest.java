package org.pbsj.core.catalog;

import org.pbsj.core.io.ReadAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pbsj.core.error.CorruptDataException;

@Timeout(60)
class CatalogReaderTest {
    private static final String MAGIC = "91fd60f9c46758d5";

    @TempDir
    Path dir;

    private static CatalogReader reader(byte[] b) throws IOException {
        return CatalogReader.open(b, "test.pcat1");
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Walks everything: the whole reader surface a damaged file can reach. */
    private static List<String> walkAll(CatalogReader r) throws IOException {
        List<String> out = new ArrayList<>();
        r.walk("/", (p, e) -> out.add(p + " " + e) || true);
        return out;
    }

    @Test
    void readsSpecExample() throws IOException {
        CatalogReader r = reader(CatalogWriterTest.specExample());
        assertEquals(48, r.rootOffset());
        List<CatalogEntry> top = r.readDirectory(r.root());
        assertEquals(List.of(CatalogEntry.directory("root.pxar.didx".getBytes(), 27)), top);
        List<CatalogEntry> archive = r.listDirectory("/root.pxar.didx");
        assertEquals(2, archive.size());
        assertEquals(new CatalogEntry(CatalogEntryType.FILE, "a.txt".getBytes(), 5, 1700000000L, -1), archive.get(0));
        assertEquals(8, archive.get(1).blockOffset());
        CatalogEntry hosts = r.lookup("root.pxar.didx/etc/hosts").orElseThrow();
        assertEquals(200, hosts.size());
        assertEquals(-1, hosts.mtime());
        assertEquals(CatalogEntryType.SYMLINK, r.lookup("/root.pxar.didx/etc/link").orElseThrow().type());
        assertTrue(r.lookup("/root.pxar.didx/nope").isEmpty());
        assertTrue(r.lookup("/root.pxar.didx/a.txt/below-a-file").isEmpty());
        assertTrue(r.lookup("/").orElseThrow().isDirectory());
        assertEquals(List.of("/root.pxar.didx d root.pxar.didx, block@27",
                "/root.pxar.didx/a.txt f a.txt, size=5, mtime=1700000000",
                "/root.pxar.didx/etc d etc, block@8",
                "/root.pxar.didx/etc/hosts f hosts, size=200, mtime=-1",
                "/root.pxar.didx/etc/link l link"), walkAll(r));
        assertThrows(IllegalArgumentException.class, () -> r.listDirectory("/root.pxar.didx/a.txt"));
        assertThrows(IllegalArgumentException.class, () -> r.listDirectory("/missing"));
    }

    @Test
    void findWithGlobs() throws IOException {
        CatalogReader r = reader(CatalogWriterTest.specExample());
        assertEquals(List.of("/root.pxar.didx/etc/hosts"), r.find("/", "h*"));
        assertEquals(List.of("/root.pxar.didx/a.txt"), r.find("/", "*.txt"));
        assertEquals(List.of("/root.pxar.didx/etc/hosts", "/root.pxar.didx/etc/link"), r.find("/root.pxar.didx", "etc/*"));
        assertEquals(List.of("/root.pxar.didx/etc/hosts"), r.find("/root.pxar.didx", "/**/h?st[rst]"));
        assertEquals(List.of("/root.pxar.didx/etc/link"), r.find("/root.pxar.didx/etc", "[!h]*"));
        assertEquals(List.of(), r.find("/", "etc/*"), "path patterns are anchored at the start");
    }

    @Test
    void globDetails() {
        assertTrue(CatalogGlob.compile("**/x").matches("x", "x"));
        assertTrue(CatalogGlob.compile("a/**").matches("a/b/c", "c"));
        assertFalse(CatalogGlob.compile("a/*").matches("a/b/c", "c"));
        assertTrue(CatalogGlob.compile("\\*").matches("*", "*"));
        assertFalse(CatalogGlob.compile("\\*").matches("x", "x"));
        assertTrue(CatalogGlob.compile("[a-c]x").matches("bx", "bx"));
        assertTrue(CatalogGlob.compile("a[").matches("a[", "a["));
        assertTrue(CatalogGlob.compile("(.+)").matches("(.+)", "(.+)"));
        assertFalse(CatalogGlob.compile("a[!b]c").matches("a/c", "a/c"));
    }

    /** A random tree written with the writer, read back entry by entry. */
    @Test
    void randomRoundTrip() throws IOException {
        Random rnd = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogWriter w = new CatalogWriter(out);
        TreeMap<String, String> expected = new TreeMap<>();
        for (String archive : List.of("root.pxar.didx", "home.pxar.didx")) {
            w.startDirectory(archive);
            expected.put("/" + archive, "d");
            writeTree(w, rnd, "/" + archive, 0, expected);
            w.endDirectory();
        }
        w.finish();
        byte[] bytes = out.toByteArray();
        Path file = dir.resolve("catalog.pcat1");
        Files.write(file, bytes);
        try (FileChannel ch = FileChannel.open(file)) {
            for (CatalogReader r : List.of(reader(bytes), CatalogReader.open(ReadAt.of(ch), file.toString()),
                    CatalogReader.open(ByteBuffer.wrap(bytes), "buf"))) {
                TreeMap<String, String> actual = new TreeMap<>();
                r.walk("/", (p, e) -> {
                    actual.put(p, e.type() == CatalogEntryType.FILE ? "f" + e.size() + "@" + e.mtime()
                            : String.valueOf(e.type().letter()));
                    return true;
                });
                assertEquals(expected, actual);
                for (var entry : expected.entrySet()) {
                    assertEquals(entry.getValue().charAt(0), r.lookup(entry.getKey()).orElseThrow().type().letter());
                }
            }
        }
    }

    private static void writeTree(CatalogWriter w, Random rnd, String path, int depth, TreeMap<String, String> expected)
            throws IOException {
        int n = rnd.nextInt(depth < 3 ? 12 : 4);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "n" + i + "-" + Integer.toHexString(rnd.nextInt()) + (rnd.nextBoolean() ? "-\u00e4\u00f6" : "");
        }
        Arrays.sort(names);
        for (String name : names) {
            String p = path + "/" + name;
            int kind = rnd.nextInt(depth < 4 ? 8 : 7);
            switch (kind) {
                case 0, 1, 2 -> {
                    long size = rnd.nextLong() >>> rnd.nextInt(64);
                    long mtime = rnd.nextLong() >> rnd.nextInt(64);
                    w.addFile(name, size, mtime);
                    expected.put(p, "f" + size + "@" + mtime);
                }
                case 3 -> put(expected, p, 'l', () -> w.addSymlink(name));
                case 4 -> put(expected, p, 'h', () -> w.addHardlink(name));
                case 5 -> put(expected, p, "bcps".charAt(rnd.nextInt(4)), null);
                default -> {
                    w.startDirectory(name);
                    expected.put(p, "d");
                    writeTree(w, rnd, p, depth + 1, expected);
                    w.endDirectory();
                }
            }
            if (kind == 5) {
                char c = expected.get(p).charAt(0);
                w.addSimple(CatalogEntryType.fromByte(c), name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private static void put(TreeMap<String, String> expected, String p, char type, Runnable add) {
        expected.put(p, String.valueOf(type));
        if (add != null) {
            add.run();
        }
    }

    @Test
    void deepNestingDoesNotOverflowTheStack() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogWriter w = new CatalogWriter(out);
        int depth = 10_000;
        for (int i = 0; i < depth; i++) {
            w.startDirectory("d");
        }
        w.addFile("leaf", 1, 2);
        for (int i = 0; i < depth; i++) {
            w.endDirectory();
        }
        w.finish();
        List<String> all = walkAll(reader(out.toByteArray()));
        assertEquals(depth + 1, all.size());
    }

    // ------------------------------------------------------------------ corruption

    @Test
    void everyTruncationIsATypedError() throws IOException {
        byte[] good = CatalogWriterTest.specExample();
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(CorruptDataException.class, () -> walkAll(reader(cut)), "length " + len);
        }
    }

    @Test
    void everyByteFlipIsHandled() throws IOException {
        byte[] good = CatalogWriterTest.specExample();
        for (int i = 0; i < good.length; i++) {
            for (int v : new int[] {0x00, 0x01, 0x7f, 0x80, 0xff, good[i] ^ 0x01, good[i] ^ 0x40}) {
                byte[] bad = good.clone();
                bad[i] = (byte) v;
                try {
                    walkAll(reader(bad));
                } catch (CorruptDataException e) {
                    assertTrue(e.getMessage().startsWith("test.pcat1 at offset "), e.getMessage());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00000000000000000100" + "0800000000000000",            // wrong magic
        MAGIC + "0100" + "0000000000000000",                    // root pointer into the magic
        MAGIC + "0100" + "0900000000000000",                    // root pointer at the trailer
        MAGIC + "0100" + "ffffffffffffffff",                    // root pointer far outside
        MAGIC + "ffffffffffffffff7f00" + "0800000000000000",    // absurd table length
        MAGIC + "0000" + "0800000000000000",                    // empty table
        MAGIC + "05ffffffff0f" + "0800000000000000",            // absurd entry count
        MAGIC + "0501780161" + "0800000000000000",              // unknown type 'x'
        MAGIC + "050166802000" + "0800000000000000",            // name of 4096 bytes
        MAGIC + "0501640161" + "00" + "0800000000000000",       // directory pointing at itself
        MAGIC + "06016401610a" + "0800000000000000",            // directory pointing before the file
        MAGIC + "0401660161" + "0800000000000000",              // file without size and mtime
        MAGIC + "0401660161" + "0100" + "0800000000000000",     // table shorter than its entry
        MAGIC + "030100ff" + "0800000000000000",                // bytes left over in the table
        MAGIC + "0100" + "0902640161026401620200" + "0a00000000000000", // two entries share a block
    })
    void damagedCatalogsAreRejected(String catalog) {
        assertThrows(CorruptDataException.class, () -> walkAll(reader(hex(catalog))));
    }

    @Test
    void sharedBlocksCannotMakeAWalkExponential() throws IOException {
        // level i holds two pointers to level i-1: 2^60 paths in a few hundred bytes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(hex(MAGIC + "0100"));
        long prev = 8;
        for (int i = 0; i < 60; i++) {
            long start = out.size();
            int back = (int) (start - prev);
            byte[] table = hex("02" + "640161" + String.format("%02x", back) + "640162" + String.format("%02x", back));
            out.write(table.length);
            out.write(table);
            prev = start;
        }
        byte[] trailer = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(prev).array();
        out.write(trailer);
        CatalogReader r = reader(out.toByteArray());
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> walkAll(r));
        assertTrue(e.getMessage().contains("referenced twice"), e.getMessage());
        assertTrue(r.lookup("/a/b/a/b/a/b").isPresent(), "lookups still work on such a file");
    }
}
