package org.pbsj.core.pxar;

import org.pbsj.core.io.ReadAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.pxar.PxarFixtures.b;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PxarAccessorTest {
    private static PxarAccessor v1(byte[] archive) {
        return PxarAccessor.open(ReadAt.of(archive), archive.length, "test");
    }

    @Test
    void looksUpGoldenV1() throws Exception {
        PxarAccessor acc = v1(PxarFixtures.V1_GOLDEN);
        Entry root = acc.root();
        assertEquals(470, root.endOffset());
        assertEquals(PxarFixtures.ROOT, root.metadata());
        Entry a = acc.lookup("/a").orElseThrow();
        assertArrayEquals(b("hi\n"), acc.contents(a).readAllBytes());
        Entry b = acc.lookup("b").orElseThrow();
        assertEquals(0x17e, b.endOffset()); // 0x95 + 0xe9
        assertEquals("../a", acc.lookup("/b/c").orElseThrow().linkString());
        assertFalse(acc.lookup("/b/x").isPresent());
        assertFalse(acc.lookup("/a/x").isPresent());
        assertEquals(List.of("/a", "/b"), acc.list(root).stream().map(Entry::pathString).toList());
        ByteBuffer buf = ByteBuffer.allocate(10);
        assertEquals(2, acc.read(a, 1, buf));
        assertEquals(-1, acc.read(a, 3, buf));
    }

    @Test
    void looksUpGoldenV2WithPayload() throws Exception {
        PxarAccessor acc = PxarAccessor.openSplit(ReadAt.of(PxarFixtures.V2_META_GOLDEN),
                PxarFixtures.V2_META_GOLDEN.length, ReadAt.of(PxarFixtures.V2_PAYLOAD_GOLDEN),
                PxarFixtures.V2_PAYLOAD_GOLDEN.length, "v2");
        Entry a = acc.lookup("/a").orElseThrow();
        assertTrue(a.payloadRef());
        assertArrayEquals(b("hi\n"), acc.contents(a).readAllBytes());
    }

    @Test
    void resolvesHardlinks() throws Exception {
        PxarAccessor acc = v1(PxarFixtures.encodeHardlinkGolden());
        Entry g = acc.lookup("/g").orElseThrow();
        Entry f = acc.resolveHardlink(g);
        assertArrayEquals(b("x"), acc.contents(f).readAllBytes());
        assertEquals(0x38, f.fileOffset());
        Entry h = acc.lookup("/h").orElseThrow();
        assertEquals(3, h.deviceMinor());
    }

    @Test
    void triesEveryItemWithACollidingHash() throws Exception {
        byte[] a = PxarFixtures.V1_GOLDEN.clone();
        // give item b (root table slot 0 at 0x17e + 16) the hash of "a": a lookup of "a" must skip b
        ByteBuffer buf = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(0x18e, PxarFormat.hashFilename(b("a")));
        PxarAccessor acc = v1(a);
        assertArrayEquals(b("hi\n"), acc.contents(acc.lookup("/a").orElseThrow()).readAllBytes());
        assertFalse(acc.lookup("/b").isPresent()); // its hash no longer leads to it
    }

    @Test
    void findsEveryEntryOfRandomTrees() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            RandomTree tree = new RandomTree(seed);
            ByteArrayOutputStream meta = new ByteArrayOutputStream();
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            List<RandomTree.Expected> expected = tree.write(PxarEncoder.createSplit(meta, payload,
                    tree.rootMetadata(), b("{}")));
            byte[] m = meta.toByteArray();
            byte[] p = payload.toByteArray();
            PxarAccessor acc = PxarAccessor.openSplit(ReadAt.of(m), m.length, ReadAt.of(p), p.length, "seed" + seed);
            for (RandomTree.Expected x : expected) {
                Entry e = acc.lookup(x.path()).orElseThrow(() -> new AssertionError(x.path()));
                assertEquals(x.kind(), e.kind(), x.path());
                if (e.kind() == EntryKind.FILE) {
                    assertArrayEquals(x.data(), acc.contents(e).readAllBytes(), x.path());
                } else if (e.kind() == EntryKind.HARDLINK) {
                    assertEquals(EntryKind.FILE, acc.resolveHardlink(e).kind());
                }
                if (e.kind() != EntryKind.HARDLINK) {
                    assertEquals(x.metadata(), e.metadata(), x.path());
                }
            }
            // listing in archive order equals the streaming order of the direct children of the root
            List<String> top = new ArrayList<>();
            for (RandomTree.Expected x : expected) {
                if (x.path().lastIndexOf('/') == 0 && x.path().length() > 1) {
                    top.add(x.path());
                }
            }
            assertEquals(top, acc.list(acc.root()).stream().map(Entry::pathString).toList());
        }
    }

    @Test
    void largeDirectoryLookup() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.create(out, PxarFixtures.ROOT);
        for (int i = 0; i < 3000; i++) {
            enc.addFile(b(String.format("f%05d", i)), PxarFixtures.FILE_A, b(Integer.toString(i)));
        }
        enc.finish();
        byte[] archive = out.toByteArray();
        PxarAccessor acc = v1(archive);
        for (int i = 0; i < 3000; i += 7) {
            Entry e = acc.lookup(String.format("/f%05d", i)).orElseThrow();
            assertArrayEquals(b(Integer.toString(i)), acc.contents(e).readAllBytes());
        }
        assertEquals(3000, acc.list(acc.root()).size());
        assertEquals(3000 + 2, PxarFixtures.decodeAll(PxarDecoder.open(new ByteArrayInputStream(archive), "x"),
                null).size());
    }
}
