package org.pbsj.core.pxar;

import static org.pbsj.core.testutil.TestInputs.hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Golden archives of {@code pxar-format.md} §12 and helpers shared by the pxar tests. */
final class PxarFixtures {
    /** §12.1: root, file a "hi\n", dir b with symlink c -> ../a; 470 bytes. */
    static final byte[] V1_GOLDEN = hex(
            "efac88e5746495d53800000000000000" +
            "ed410000000000000000000000000000" +
            "000000000000000000f1536500000000" +
            "0000000000000000b317390621117016" +
            "12000000000000006100efac88e57464" +
            "95d53800000000000000a48100000000" +
            "00000000000000000000e8030000e803" +
            "000000f1536500000000f40100000000" +
            "0000251a7c0b1b7a1428130000000000" +
            "000068690ab317390621117016120000" +
            "00000000006200efac88e5746495d538" +
            "00000000000000c04100000000000000" +
            "00000000000000000000000000000001" +
            "f15365000000000000000000000000b3" +
            "17390621117016120000000000000063" +
            "00efac88e5746495d538000000000000" +
            "00ffa100000000000000000000000000" +
            "00000000000000000002f15365000000" +
            "0000000000000000005fdcf5dbe771f9" +
            "2715000000000000002e2e2f61001d73" +
            "d542a64fec2f40000000000000000b22" +
            "d78c0a8647b15f000000000000005f00" +
            "00000000000055153e755bed5eef9700" +
            "00000000000040000000000000001d73" +
            "d542a64fec2f580000000000000033c7" +
            "e812f5a31d4de900000000000000e900" +
            "000000000000cf7b2c7c06e9260c4601" +
            "0000000000005d000000000000005515" +
            "3e755bed5eef7e010000000000005800" +
            "000000000000");

    /** §12.2 metadata stream: root with file a, prelude "{}"; 268 bytes. */
    static final byte[] V2_META_GOLDEN = hex(
            "0da416df756c0f731800000000000000" +
            "02000000000000001b777b9f9dd709e3" +
            "12000000000000007b7defac88e57464" +
            "95d53800000000000000ed4100000000" +
            "00000000000000000000000000000000" +
            "000000f1536500000000000000000000" +
            "0000b317390621117016120000000000" +
            "00006100efac88e5746495d538000000" +
            "00000000a48100000000000000000000" +
            "00000000e8030000e803000000f15365" +
            "00000000f4010000000000007e97bac4" +
            "6b3d9d41200000000000000010000000" +
            "0000000003000000000000001d73d542" +
            "a64fec2f4000000000000000cf7b2c7c" +
            "06e9260c6a000000000000006d000000" +
            "0000000055153e755bed5eefcc000000" +
            "000000004000000000000000");

    /** §12.2 payload stream; 51 bytes. */
    static final byte[] V2_PAYLOAD_GOLDEN = hex(
            "d24e4a19c2684c831000000000000000" +
            "251a7c0b1b7a14281300000000000000" +
            "68690ab5814c988bb7726c1000000000" +
            "000000");

    static final Metadata ROOT = Metadata.of(040755, 0, 0, 1700000000L, 0);
    static final Metadata FILE_A = Metadata.of(0100644, 1000, 1000, 1700000000L, 500);

    private PxarFixtures() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Encodes the §12.1 tree with our encoder. */
    static byte[] encodeV1Golden() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.create(out, ROOT);
        enc.addFile(b("a"), FILE_A, b("hi\n"));
        enc.beginDirectory(b("b"), Metadata.of(040700, 0, 0, 1700000001L, 0));
        enc.addSymlink(b("c"), Metadata.of(0120777, 0, 0, 1700000002L, 0), b("../a"));
        enc.endDirectory();
        enc.finish();
        return out.toByteArray();
    }

    /** Encodes the §12.2 split archive; returns {metadata, payload}. */
    static byte[][] encodeV2Golden() throws IOException {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.createSplit(meta, payload, ROOT, b("{}"));
        enc.addFile(b("a"), FILE_A, b("hi\n"));
        enc.finish();
        return new byte[][] {meta.toByteArray(), payload.toByteArray()};
    }

    /** Encodes the §12.3 tree: file f "x", hardlink g -> f, char device h 1:3. */
    static byte[] encodeHardlinkGolden() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.create(out, Metadata.of(040755, 0, 0, 0, 0));
        long f = enc.addFile(b("f"), Metadata.of(0100644, 0, 0, 0, 0), b("x"));
        enc.addHardlink(b("g"), b("f"), f);
        enc.addDevice(b("h"), Metadata.of(020600, 0, 0, 0, 0), 1, 3);
        enc.finish();
        return out.toByteArray();
    }

    /** All entries of a decoder (incl. GOODBYE markers), file contents read into {@code contents}. */
    static List<Entry> decodeAll(PxarDecoder dec, List<byte[]> contents) throws IOException {
        List<Entry> all = new ArrayList<>();
        for (Entry e = dec.next(); e != null; e = dec.next()) {
            all.add(e);
            if (contents != null && e.kind() == EntryKind.FILE) {
                contents.add(dec.contents().readAllBytes());
            }
        }
        return all;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
