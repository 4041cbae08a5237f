package org.pbsj.core.pxar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.pxar.PxarFixtures.b;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PxarDecoderTest {
    @Test
    void decodesV1Golden() throws Exception {
        PxarDecoder dec = PxarDecoder.open(new ByteArrayInputStream(PxarFixtures.V1_GOLDEN), "golden");
        List<byte[]> contents = new ArrayList<>();
        List<Entry> all = PxarFixtures.decodeAll(dec, contents);
        assertEquals(List.of("/ DIRECTORY", "/a FILE", "/b DIRECTORY", "/b/c SYMLINK", "/b GOODBYE", "/ GOODBYE"),
                all.stream().map(e -> e.pathString() + " " + e.kind()).toList());
        assertEquals(1, dec.formatVersion());
        assertEquals(PxarFixtures.ROOT, all.get(0).metadata());
        Entry a = all.get(1);
        assertEquals(PxarFixtures.FILE_A, a.metadata());
        assertEquals(3, a.fileSize());
        assertEquals(0x92, a.contentOffset());
        assertEquals(0x38, a.fileOffset());
        assertArrayEquals(b("hi\n"), contents.get(0));
        assertEquals("../a", all.get(3).linkString());
        assertEquals(1700000002L, all.get(3).metadata().mtimeSecs());
        assertEquals(040700, all.get(2).metadata().mode());
        assertNull(dec.next());
    }

    @Test
    void decodesV2SplitGolden() throws Exception {
        PxarDecoder dec = PxarDecoder.openSplit(new ByteArrayInputStream(PxarFixtures.V2_META_GOLDEN),
                new ByteArrayInputStream(PxarFixtures.V2_PAYLOAD_GOLDEN), "golden");
        List<byte[]> contents = new ArrayList<>();
        List<Entry> all = PxarFixtures.decodeAll(dec, contents);
        assertEquals(2, dec.formatVersion());
        assertArrayEquals(b("{}"), dec.prelude());
        assertEquals(3, all.size());
        Entry a = all.get(1);
        assertTrue(a.payloadRef());
        assertEquals(0x20, a.contentOffset());
        assertArrayEquals(b("hi\n"), contents.get(0));
    }

    @Test
    void metadataStreamAloneListsEntries() throws Exception {
        PxarDecoder dec = PxarDecoder.open(new ByteArrayInputStream(PxarFixtures.V2_META_GOLDEN), "meta");
        List<Entry> all = PxarFixtures.decodeAll(dec, null);
        assertEquals(3, all.get(1).fileSize());
        assertEquals(3, all.size());
    }

    @Test
    void decodesHardlinkAndDevice() throws Exception {
        PxarDecoder dec = PxarDecoder.open(new ByteArrayInputStream(PxarFixtures.encodeHardlinkGolden()), "hl");
        List<Entry> all = PxarFixtures.decodeAll(dec, null);
        assertEquals(EntryKind.HARDLINK, all.get(2).kind());
        assertEquals(91, all.get(2).hardlinkOffset());
        assertEquals("f", all.get(2).linkString());
        assertEquals(1, all.get(1).fileSize());
        Entry h = all.get(3);
        assertEquals(EntryKind.DEVICE, h.kind());
        assertEquals(1, h.deviceMajor());
        assertEquals(3, h.deviceMinor());
    }

    @Test
    void unreadContentIsSkipped() throws Exception {
        PxarDecoder dec = PxarDecoder.open(new ByteArrayInputStream(PxarFixtures.V1_GOLDEN), "golden");
        dec.next();
        dec.next();
        assertEquals('h', dec.contents().read());
        assertEquals("/b", dec.next().pathString());
        assertThrows(IllegalStateException.class, dec::contents);
    }

    @Test
    void readsLegacyEntryV1() throws Exception {
        // root as ENTRY_V1 (mtime in nanoseconds), then an empty goodbye table
        ByteBuffer b = ByteBuffer.allocate(48 + 40).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(PxarFormat.ENTRY_V1).putLong(48).putLong(040755).putLong(0).putInt(5).putInt(6)
                .putLong(1_700_000_000_123_456_789L);
        b.putLong(PxarFormat.GOODBYE).putLong(40).putLong(PxarFormat.GOODBYE_TAIL_MARKER).putLong(48).putLong(40);
        Entry root = PxarDecoder.open(new ByteArrayInputStream(b.array()), "v1").next();
        assertEquals(Metadata.of(040755, 5, 6, 1_700_000_000L, 123_456_789), root.metadata());
    }

    @Test
    void roundTripsRandomTreesInBothVersions() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            RandomTree tree = new RandomTree(seed);
            ByteArrayOutputStream v1 = new ByteArrayOutputStream();
            List<RandomTree.Expected> expected = tree.write(PxarEncoder.create(v1, tree.rootMetadata()));
            check(expected, PxarDecoder.open(new ByteArrayInputStream(v1.toByteArray()), "v1"), seed);

            RandomTree again = new RandomTree(seed);
            ByteArrayOutputStream meta = new ByteArrayOutputStream();
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            List<RandomTree.Expected> expected2 =
                    again.write(PxarEncoder.createSplit(meta, payload, again.rootMetadata(), null));
            check(expected2, PxarDecoder.openSplit(new ByteArrayInputStream(meta.toByteArray()),
                    new ByteArrayInputStream(payload.toByteArray()), "v2"), seed);
        }
    }

    private static void check(List<RandomTree.Expected> expected, PxarDecoder dec, long seed) throws Exception {
        List<byte[]> contents = new ArrayList<>();
        List<Entry> all = PxarFixtures.decodeAll(dec, contents);
        List<Entry> real = all.stream().filter(e -> e.kind() != EntryKind.GOODBYE).toList();
        assertEquals(expected.size(), real.size(), "seed " + seed);
        int file = 0;
        for (int i = 0; i < real.size(); i++) {
            RandomTree.Expected x = expected.get(i);
            Entry e = real.get(i);
            assertEquals(x.path(), e.pathString(), "seed " + seed);
            assertEquals(x.kind(), e.kind(), x.path());
            if (e.kind() != EntryKind.HARDLINK) {
                assertEquals(x.metadata(), e.metadata(), x.path());
            }
            if (e.kind() == EntryKind.FILE) {
                assertArrayEquals(x.data(), contents.get(file++), x.path());
            } else if (e.kind() == EntryKind.SYMLINK || e.kind() == EntryKind.HARDLINK) {
                assertArrayEquals(x.data(), e.link(), x.path());
            } else if (e.kind() == EntryKind.DEVICE) {
                assertEquals(x.major(), e.deviceMajor());
                assertEquals(x.minor(), e.deviceMinor());
            }
        }
    }
}
