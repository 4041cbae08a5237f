package org.pbsj.core.pxar.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarDecoder;
import org.pbsj.core.pxar.PxarEncoder;

@Timeout(60)
class PxarExtractorTest {
    private static final Metadata DIR = Metadata.of(040755, 0, 0, 1_600_000_000L, 0);
    private static final Metadata FILE = Metadata.of(0100644, 0, 0, 1_600_000_000L, 0);
    private static final Metadata LINK = Metadata.of(0120777, 0, 0, 1_600_000_000L, 0);

    @TempDir
    Path tmp;
    final List<String> warnings = new ArrayList<>();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Content {
        void write(PxarEncoder enc) throws IOException;
    }

    private static byte[] archive(Content c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.create(out, DIR);
        c.write(enc);
        enc.finish();
        return out.toByteArray();
    }

    private long extract(byte[] archive, Path dst, ExtractorOptions options) throws IOException {
        return new PxarExtractor(options, Warnings.collectingInto(warnings))
                .extract(PxarDecoder.open(new ByteArrayInputStream(archive), "test"), dst);
    }

    @Test
    void symlinkCannotRedirectALaterDirectory() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        byte[] evil = archive(enc -> {
            enc.addSymlink(b("d"), LINK, b(outside.toString()));
            enc.beginDirectory(b("d"), DIR); // duplicate name: the encoder does not police this
            enc.addFile(b("f"), FILE, b("pwned"));
            enc.endDirectory();
        });
        assertThrows(IOException.class,
                () -> extract(evil, tmp.resolve("dst"), ExtractorOptions.DEFAULTS.withAllowExistingDirs(true)));
        assertEquals(0, Files.list(outside).count());
    }

    @Test
    void hardlinkTargetsMustStayInside() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "s");
        byte[] evil = archive(enc -> {
            long f = enc.addFile(b("a"), FILE, b("x"));
            enc.addHardlink(b("up"), b("../secret"), f);
            enc.addHardlink(b("abs"), b(secret.toString()), f);
            enc.addHardlink(b("ok"), b("a"), f);
        });
        Path dst = tmp.resolve("dst");
        extract(evil, dst, ExtractorOptions.DEFAULTS);
        assertFalse(Files.exists(dst.resolve("up")));
        assertFalse(Files.exists(dst.resolve("abs")));
        assertTrue(Files.isSameFile(dst.resolve("a"), dst.resolve("ok")));
        assertEquals(2, warnings.size(), warnings.toString());
    }

    @Test
    void existingEntriesNeedOptions() throws Exception {
        byte[] a = archive(enc -> {
            enc.beginDirectory(b("d"), DIR);
            enc.addFile(b("f"), FILE, b("new"));
            enc.endDirectory();
        });
        Path dst = tmp.resolve("dst");
        extract(a, dst, ExtractorOptions.DEFAULTS);
        assertThrows(IOException.class, () -> extract(a, dst, ExtractorOptions.DEFAULTS));
        assertThrows(FileAlreadyExistsException.class,
                () -> extract(a, dst, ExtractorOptions.DEFAULTS.withAllowExistingDirs(true)));
        // an existing symlink in place of a file is replaced, never written through
        Path outside = Files.writeString(tmp.resolve("target"), "keep");
        Files.delete(dst.resolve("d/f"));
        Files.createSymbolicLink(dst.resolve("d/f"), outside);
        extract(a, dst, ExtractorOptions.DEFAULTS.withAllowExistingDirs(true).withOverwrite(true));
        assertEquals("keep", Files.readString(outside));
        assertEquals("new", Files.readString(dst.resolve("d/f")));
        assertFalse(Files.isSymbolicLink(dst.resolve("d/f")));
    }

    @Test
    void filterRestoresOneSubtree() throws Exception {
        byte[] a = archive(enc -> {
            enc.addFile(b("top"), FILE, b("1"));
            enc.beginDirectory(b("d"), DIR);
            enc.beginDirectory(b("keep"), DIR);
            enc.addFile(b("f"), FILE, b("2"));
            enc.endDirectory();
            enc.addFile(b("other"), FILE, b("3"));
            enc.endDirectory();
        });
        Path dst = tmp.resolve("dst");
        extract(a, dst, ExtractorOptions.DEFAULTS.withFilter(EntryFilter.subtree("/d/keep")));
        assertTrue(Files.exists(dst.resolve("d/keep/f")));
        assertFalse(Files.exists(dst.resolve("top")));
        assertFalse(Files.exists(dst.resolve("d/other")));
    }

    @Test
    void vanishedFilesAreWarnedAndSkipped() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("a"), "a");
        Files.writeString(src.resolve("b"), "b");
        // the filter runs after stat and before open: deleting "b" there simulates a concurrent unlink
        EntryFilter deleting = (path, kind) -> {
            if (new String(path).equals("/b")) {
                try {
                    Files.delete(src.resolve("b"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PxarArchiver(ArchiverOptions.DEFAULTS.withFilter(deleting), Warnings.collectingInto(warnings))
                .archive(src, out);
        assertEquals(List.of("/b: vanished, skipped"), warnings);
        Path dst = tmp.resolve("dst");
        extract(out.toByteArray(), dst, ExtractorOptions.DEFAULTS);
        assertTrue(Files.exists(dst.resolve("a")));
        assertFalse(Files.exists(dst.resolve("b")));
    }

    @Test
    void deviceNodesAndOwnershipAsRoot() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FsTrees.isRoot(), "device nodes and chown need root");
        byte[] a = archive(enc -> {
            enc.addDevice(b("null"), Metadata.of(020666, 12, 34, 5, 6), 1, 3);
            enc.addDevice(b("loop"), Metadata.of(060600, 0, 0, 5, 6), 7, 0x12345);
            enc.addFile(b("owned"), Metadata.of(0104755, 1000, 2000, 5, 6), b("x"));
        });
        Path dst = tmp.resolve("dst");
        extract(a, dst, ExtractorOptions.DEFAULTS);
        FileStat n = PosixFs.stat(PosixFs.AT_FDCWD, dst.resolve("null").toString().getBytes());
        assertEquals(020666, n.mode());
        assertEquals(1, n.rdevMajor());
        assertEquals(3, n.rdevMinor());
        assertEquals(12, n.uid());
        FileStat l = PosixFs.stat(PosixFs.AT_FDCWD, dst.resolve("loop").toString().getBytes());
        assertEquals(0x12345, l.rdevMinor());
        FileStat o = PosixFs.stat(PosixFs.AT_FDCWD, dst.resolve("owned").toString().getBytes());
        assertEquals(0104755, o.mode()); // suid survives because chown comes before chmod
        assertEquals(2000, o.gid());
        assertEquals(List.of(), warnings);
    }

    @Test
    void restoresMtimeNanosOnAllKinds() throws Exception {
        Metadata nanos = Metadata.of(0100640, 0, 0, -1L, 999_999_999);
        byte[] a = archive(enc -> {
            enc.addFile(b("f"), nanos, b("x"));
            enc.addSymlink(b("l"), Metadata.of(0120777, 0, 0, 12, 345), b("f"));
            enc.addFifo(b("p"), Metadata.of(010600, 0, 0, 7, 8));
        });
        Path dst = tmp.resolve("dst");
        extract(a, dst, ExtractorOptions.DEFAULTS);
        FileStat f = PosixFs.stat(PosixFs.AT_FDCWD, dst.resolve("f").toString().getBytes());
        assertEquals(-1L, f.mtimeSecs());
        assertEquals(999_999_999, f.mtimeNanos());
        assertEquals(0100640, f.mode());
        FileStat l = PosixFs.stat(PosixFs.AT_FDCWD, dst.resolve("l").toString().getBytes());
        assertEquals(12, l.mtimeSecs());
        assertEquals(345, l.mtimeNanos());
        FileStat p = PosixFs.stat(PosixFs.AT_FDCWD, dst.resolve("p").toString().getBytes());
        assertEquals(010600, p.mode());
        assertEquals(List.of(), warnings);
    }
}
