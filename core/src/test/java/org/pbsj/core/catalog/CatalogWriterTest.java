package org.pbsj.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class CatalogWriterTest {
    /** index-formats.md §5.5, verified against the PBS catalog writer. */
    static final String SPEC_EXAMPLE = "91fd60f9c46758d512026605686f737473c80181006c046c696e6b14026605612e7478740"
            + "580e2cfaa066403657463131201640e726f6f742e707861722e64696478153000000000000000";

    /** The writer calls of §5.5. */
    static byte[] specExample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogWriter w = new CatalogWriter(out);
        w.startDirectory("root.pxar.didx");
        w.addFile("a.txt", 5, 1700000000L);
        w.startDirectory("etc");
        w.addFile("hosts", 200, -1);
        w.addSymlink("link");
        w.endDirectory();
        w.endDirectory();
        w.finish();
        return out.toByteArray();
    }

    @Test
    void specWorkedExampleIsByteExact() throws IOException {
        assertEquals(SPEC_EXAMPLE, HexFormat.of().formatHex(specExample()));
    }

    @Test
    void pxarSpecExample() throws IOException {
        // pxar-format.md §8.2a: 55 bytes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogWriter w = new CatalogWriter(out);
        w.startDirectory("root.pxar.didx");
        w.addFile("a", 3, 1700000000L);
        w.startDirectory("b");
        w.addSymlink("c");
        w.endDirectory();
        w.endDirectory();
        w.finish();
        assertEquals("91fd60f9c46758d5" + "0401" + "6c0163" + "0e02660161" + "0380e2cfaa06" + "64016205"
                + "1201640e726f6f742e707861722e64696478" + "0f" + "1c00000000000000",
                HexFormat.of().formatHex(out.toByteArray()));
        assertEquals(55, out.size());
    }

    @Test
    void emptyCatalog() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogWriter w = new CatalogWriter(out);
        w.finish();
        assertEquals("91fd60f9c46758d5" + "0100" + "0800000000000000", HexFormat.of().formatHex(out.toByteArray()));
        assertEquals(0, CatalogReader.open(out.toByteArray(), "empty").readDirectory(
                CatalogReader.open(out.toByteArray(), "empty").root()).size());
    }

    @Test
    void allEntryTypes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogWriter w = new CatalogWriter(out);
        w.startDirectory("x.pxar.didx");
        w.addBlockDevice("b");
        w.addCharDevice("c");
        w.addHardlink("h");
        w.addFifo("p");
        w.addSocket("s");
        w.endDirectory();
        w.finish();
        // block @8: len 16, 5 entries of type + len 1 + name; root @25 points back 17
        assertEquals("91fd60f9c46758d5" + "1005" + "620162" + "630163" + "680168" + "700170" + "730173"
                + "0f01640b782e707861722e64696478" + "11" + "1900000000000000", HexFormat.of().formatHex(out.toByteArray()));
    }

    @Test
    void misuseIsRejected() throws IOException {
        CatalogWriter w = new CatalogWriter(new ByteArrayOutputStream());
        assertThrows(IllegalStateException.class, w::endDirectory);
        assertThrows(IllegalArgumentException.class, () -> w.addFile("", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> w.addFile("a/b", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> w.addSymlink("x".repeat(4096)));
        assertThrows(IllegalArgumentException.class, () -> w.addSimple(CatalogEntryType.FILE, new byte[] {'a'}));
        w.startDirectory("d");
        assertThrows(IllegalStateException.class, w::finish);
        w.endDirectory();
        w.finish();
        assertThrows(IllegalStateException.class, () -> w.addFifo("late"));
    }
}
