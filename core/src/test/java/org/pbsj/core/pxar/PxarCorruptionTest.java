package org.pbsj.core.pxar;

import org.pbsj.core.io.ReadAt;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.pbsj.core.pxar.PxarFixtures.b;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.error.UnsupportedFormatException;

@Timeout(120)
class PxarCorruptionTest {
    private static void decode(byte[] archive) throws Exception {
        PxarFixtures.decodeAll(PxarDecoder.open(new ByteArrayInputStream(archive), "corrupt"), new java.util.ArrayList<>());
    }

    private static void decodeSplit(byte[] meta, byte[] payload) throws Exception {
        PxarFixtures.decodeAll(PxarDecoder.openSplit(new ByteArrayInputStream(meta), new ByteArrayInputStream(payload),
                "corrupt"), new java.util.ArrayList<>());
    }

    /** Every lookup, listing and content read the accessor offers. */
    private static void access(byte[] archive) throws Exception {
        PxarAccessor acc = PxarAccessor.open(ReadAt.of(archive), archive.length, "corrupt");
        for (String p : new String[] {"/a", "/b", "/b/c", "/f", "/g", "/h"}) {
            var e = acc.lookup(p);
            if (e.isPresent() && e.get().kind() == EntryKind.FILE) {
                acc.contents(e.get()).readAllBytes();
            }
            if (e.isPresent() && e.get().kind() == EntryKind.DIRECTORY) {
                acc.list(e.get());
            }
        }
        acc.list(acc.root());
    }

    @Test
    void everyTruncationIsCorrupt() throws Exception {
        byte[][] archives = {PxarFixtures.V1_GOLDEN, PxarFixtures.encodeHardlinkGolden()};
        for (byte[] full : archives) {
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                assertThrows(CorruptDataException.class, () -> decode(cut), "length " + len);
                if (len > 0) {
                    assertThrows(CorruptDataException.class, () -> access(cut), "length " + len);
                }
            }
        }
        for (int len = 0; len < PxarFixtures.V2_META_GOLDEN.length; len++) {
            byte[] cut = Arrays.copyOf(PxarFixtures.V2_META_GOLDEN, len);
            assertThrows(CorruptDataException.class, () -> decodeSplit(cut, PxarFixtures.V2_PAYLOAD_GOLDEN));
        }
        for (int len = 0; len < 35; len++) { // cut inside start marker, header or content of the payload
            byte[] cut = Arrays.copyOf(PxarFixtures.V2_PAYLOAD_GOLDEN, len);
            assertThrows(CorruptDataException.class, () -> decodeSplit(PxarFixtures.V2_META_GOLDEN, cut), "p" + len);
        }
    }

    @Test
    void flippedBytesFailOnlyWithTypedExceptions() throws Exception {
        byte[][] archives = {PxarFixtures.V1_GOLDEN, PxarFixtures.encodeHardlinkGolden()};
        for (byte[] full : archives) {
            for (int i = 0; i < full.length; i++) {
                for (int mask : new int[] {0xff, 0x01, 0x80}) {
                    byte[] bad = full.clone();
                    bad[i] ^= (byte) mask;
                    expectTypedOrSuccess(() -> decode(bad), "decode flip " + i);
                    expectTypedOrSuccess(() -> access(bad), "access flip " + i);
                }
            }
        }
        for (int i = 0; i < PxarFixtures.V2_META_GOLDEN.length; i++) {
            byte[] bad = PxarFixtures.V2_META_GOLDEN.clone();
            bad[i] ^= (byte) 0xff;
            expectTypedOrSuccess(() -> decodeSplit(bad, PxarFixtures.V2_PAYLOAD_GOLDEN), "v2 flip " + i);
        }
    }

    @Test
    void randomGarbageAfterAValidRootFailsTyped() throws Exception {
        Random rnd = new Random(7);
        byte[] prefix = Arrays.copyOf(PxarFixtures.V1_GOLDEN, 0x38);
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[rnd.nextInt(400)];
            rnd.nextBytes(junk);
            if (rnd.nextBoolean() && junk.length >= 16) { // plausible header types make it further
                ByteBuffer.wrap(junk).order(ByteOrder.LITTLE_ENDIAN).putLong(0, PxarFormat.FILENAME).putLong(8, 18);
            }
            byte[] archive = PxarFixtures.concat(prefix, junk);
            expectTypedOrSuccess(() -> decode(archive), "junk " + i);
            expectTypedOrSuccess(() -> access(archive), "junk " + i);
        }
    }

    @Test
    void absurdSizesAreRejectedWithoutAllocating() {
        ByteBuffer v1 = ByteBuffer.wrap(PxarFixtures.V1_GOLDEN.clone()).order(ByteOrder.LITTLE_ENDIAN);
        // FILENAME "a" claims 2^62 bytes; PAYLOAD of a claims 2^60 bytes; full_size < 16 and ≥ 2^63
        for (long[] patch : new long[][] {{0x40, 1L << 62}, {0x8a, 1L << 60}, {0x8a, 3}, {0x40, -1}, {0x8, 1L << 40}}) {
            byte[] a = PxarFixtures.V1_GOLDEN.clone();
            ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putLong((int) patch[0], patch[1]);
            assertThrows(CorruptDataException.class, () -> decode(a), Long.toHexString(patch[1]));
        }
        // goodbye tail claims a huge table
        byte[] a = PxarFixtures.V1_GOLDEN.clone();
        ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putLong(470 - 8, Long.MAX_VALUE - 7);
        assertThrows(CorruptDataException.class, () -> access(a));
        assertThrows(CorruptDataException.class, () -> decode(a));
        assertTrue(v1.capacity() > 0);
    }

    @Test
    void structuralErrorsAreNamed() throws Exception {
        // unsupported version
        byte[] v = PxarFixtures.V2_META_GOLDEN.clone();
        v[16] = 3;
        assertThrows(UnsupportedFormatException.class, () -> decodeSplit(v, PxarFixtures.V2_PAYLOAD_GOLDEN));
        // payload ref pointing at the start marker instead of a PAYLOAD
        byte[] ref = PxarFixtures.V2_META_GOLDEN.clone();
        ref[0xbc] = 0;
        assertThrows(CorruptDataException.class, () -> decodeSplit(ref, PxarFixtures.V2_PAYLOAD_GOLDEN));
        // payload stream without start marker
        byte[] p = PxarFixtures.V2_PAYLOAD_GOLDEN.clone();
        p[0] ^= 1;
        assertThrows(CorruptDataException.class, () -> decodeSplit(PxarFixtures.V2_META_GOLDEN, p));
        // PAYLOAD_REF in a v1 archive: drop FORMAT_VERSION and PRELUDE
        byte[] noVersion = Arrays.copyOfRange(PxarFixtures.V2_META_GOLDEN, 0x2a, 268);
        assertThrows(CorruptDataException.class, () -> decode(noVersion));
        // duplicate singleton metadata items
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder.create(out, PxarFixtures.ROOT.withQuotaProjectId(1L)).finish();
        byte[] one = out.toByteArray();
        byte[] twice = PxarFixtures.concat(Arrays.copyOf(one, 56 + 24),
                Arrays.copyOfRange(one, 56, one.length));
        assertThrows(CorruptDataException.class, () -> decode(twice));
        // file name "." and a name with '/'
        for (byte[] name : new byte[][] {b("."), b("/")}) {
            byte[] bad = PxarFixtures.V1_GOLDEN.clone();
            bad[0x48] = name[0];
            assertThrows(CorruptDataException.class, () -> decode(bad));
        }
        // unknown file type
        byte[] type = PxarFixtures.V1_GOLDEN.clone();
        type[0x5b] = (byte) 0xf1;
        assertThrows(CorruptDataException.class, () -> decode(type));
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void expectTypedOrSuccess(Action a, String what) {
        try {
            a.run();
        } catch (PbsFormatException expected) {
            // typed: fine
        } catch (Throwable t) {
            fail(what + ": untyped " + t, t);
        }
    }
}
