package org.pbsj.core.pxar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pbsj.core.pxar.PxarFixtures.ROOT;
import static org.pbsj.core.pxar.PxarFixtures.b;
import static org.pbsj.core.testutil.TestInputs.hex;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PxarEncoderTest {
    @Test
    void v1GoldenVectorByteExact() throws Exception {
        assertEquals(470, PxarFixtures.V1_GOLDEN.length);
        assertArrayEquals(PxarFixtures.V1_GOLDEN, PxarFixtures.encodeV1Golden());
    }

    @Test
    void v2SplitGoldenVectorByteExact() throws Exception {
        byte[][] streams = PxarFixtures.encodeV2Golden();
        assertArrayEquals(PxarFixtures.V2_META_GOLDEN, streams[0]);
        assertArrayEquals(PxarFixtures.V2_PAYLOAD_GOLDEN, streams[1]);
    }

    @Test
    void hardlinkAndDeviceGoldenBytes() throws Exception {
        byte[] a = PxarFixtures.encodeHardlinkGolden();
        assertEquals(409, a.length);
        assertArrayEquals(hex("b317390621117016120000000000000067007572bd22849c2651"
                + "1a000000000000005b000000000000006600"), Arrays.copyOfRange(a, 0x93, 0x93 + 18 + 26));
        assertArrayEquals(hex("e95c6d5806e9c99f2000000000000000"
                + "01000000000000000300000000000000"), Arrays.copyOfRange(a, 0x109, 0x109 + 32));
    }

    @Test
    void metadataItemsInWriterOrder() throws Exception {
        Acl acl = new Acl(List.of(new Acl.Entry(1000, 7)), List.of(new Acl.Entry(100, 5)), 6L,
                new Acl.Default(7, 5, 0, PxarFormat.ACL_NO_MASK), List.of(new Acl.Entry(1001, 4)),
                List.of(new Acl.Entry(101, 4)));
        Metadata m = ROOT.withXattrs(List.of(Xattr.of("user.a", b("1")), Xattr.of("user.b", new byte[0])))
                .withAcl(acl).withFcaps(new byte[20]).withQuotaProjectId(42L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.create(out, m);
        enc.finish();
        List<Long> types = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            types.add(buf.getLong(buf.position()));
            buf.position(buf.position() + (int) buf.getLong(buf.position() + 8));
        }
        assertEquals(List.of(PxarFormat.ENTRY, PxarFormat.XATTR, PxarFormat.XATTR, PxarFormat.ACL_USER,
                PxarFormat.ACL_GROUP, PxarFormat.ACL_GROUP_OBJ, PxarFormat.ACL_DEFAULT, PxarFormat.ACL_DEFAULT_USER,
                PxarFormat.ACL_DEFAULT_GROUP, PxarFormat.FCAPS, PxarFormat.QUOTA_PROJID, PxarFormat.GOODBYE), types);
    }

    @Test
    void negativeMtimeIsFloorSecondsWithPositiveNanos() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder.create(out, Metadata.of(040755, 0, 0, -305112601L, 999_000_000)).finish();
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-305112601L, b.getLong(16 + 24));
        assertEquals(999_000_000, b.getInt(16 + 32));
    }

    @Test
    void rejectsMisuse() throws Exception {
        PxarEncoder enc = PxarEncoder.create(new ByteArrayOutputStream(), ROOT);
        Metadata file = Metadata.of(0100644, 0, 0, 0, 0);
        for (String bad : new String[] {"", ".", "..", "a/b"}) {
            assertThrows(IllegalArgumentException.class, () -> enc.addFile(b(bad), file, new byte[0]), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> enc.addFile(b("x"), ROOT, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> enc.addSymlink(b("x"), file, b("t")));
        assertThrows(IllegalArgumentException.class, () -> enc.addHardlink(b("x"), b("y"), 1000));
        assertThrows(IllegalArgumentException.class, () -> enc.addSymlink(b("x"), Metadata.of(0120777, 0, 0, 0, 0),
                new byte[] {'a', 0}));
        assertThrows(IllegalStateException.class, enc::endDirectory);
        assertThrows(IllegalStateException.class, () -> enc.advancePayload(1));
        PxarEncoder.FileWriter w = enc.beginFile(b("f"), file, 3);
        assertThrows(IllegalStateException.class, () -> enc.addFifo(b("p"), Metadata.of(010644, 0, 0, 0, 0)));
        assertThrows(IllegalStateException.class, () -> w.write(new byte[4]));
        w.write(new byte[2]);
        assertThrows(IllegalStateException.class, w::close);
        assertThrows(IllegalStateException.class, enc::finish);
    }

    @Test
    void finishedEncoderRejectsMore() throws Exception {
        PxarEncoder enc = PxarEncoder.create(new ByteArrayOutputStream(), ROOT);
        enc.beginDirectory(b("d"), ROOT);
        enc.finish(); // closes d as well
        assertThrows(IllegalStateException.class, () -> enc.addFifo(b("p"), Metadata.of(010644, 0, 0, 0, 0)));
    }

    @Test
    void reusedPayloadReferencesInjectedRange() throws Exception {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.createSplit(meta, payload, ROOT, null);
        long start = enc.payloadPosition();
        enc.flush();
        // the caller injects an old PAYLOAD item (16 + 3 bytes) into the payload stream itself
        payload.write(Arrays.copyOfRange(PxarFixtures.V2_PAYLOAD_GOLDEN, 16, 35));
        enc.advancePayload(19);
        enc.addReusedFile(b("a"), PxarFixtures.FILE_A, 3, start);
        assertThrows(IllegalArgumentException.class, () -> enc.addReusedFile(b("z"), PxarFixtures.FILE_A, 3, 100));
        enc.finish();
        // identical to a fresh encoding except the goodbye size of a (metadata only, §6)
        byte[] expected = PxarFixtures.V2_META_GOLDEN.clone();
        byte[] actual = meta.toByteArray();
        assertEquals(expected.length - 0x12, actual.length); // no prelude
        assertArrayEquals(PxarFixtures.V2_PAYLOAD_GOLDEN, payload.toByteArray());
        PxarDecoder dec = PxarDecoder.openSplit(new java.io.ByteArrayInputStream(actual),
                new java.io.ByteArrayInputStream(payload.toByteArray()), "reuse");
        List<byte[]> contents = new ArrayList<>();
        PxarFixtures.decodeAll(dec, contents);
        assertArrayEquals(b("hi\n"), contents.get(0));
    }
}
