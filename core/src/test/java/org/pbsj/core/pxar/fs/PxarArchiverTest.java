package org.pbsj.core.pxar.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pbsj.core.pxar.fs.FsTrees.setMtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.PxarAccessor;
import org.pbsj.core.pxar.PxarDecoder;
import org.pbsj.core.io.ReadAt;

@Timeout(120)
class PxarArchiverTest {
    private static final String LONG_NAME = "n".repeat(255);
    private static final String ODD_NAME = "ä€\u00fc – new\nline";

    @TempDir
    Path tmp;
    Path src;
    boolean xattrs;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void buildTree() throws Exception {
        src = Files.createDirectory(tmp.resolve("src"));
        xattrs = FsTrees.userXattrsSupported(tmp);
        Random rnd = new Random(1);
        Files.writeString(src.resolve("file.txt"), "hello\n");
        Files.createFile(src.resolve("empty"));
        byte[] large = new byte[3 << 20];
        rnd.nextBytes(large);
        Files.write(src.resolve("large.bin"), large);
        try (RandomAccessFile sparse = new RandomAccessFile(src.resolve("sparse").toFile(), "rw")) {
            sparse.setLength(16 << 20);
            sparse.seek(8 << 20);
            sparse.write("data in the middle".getBytes());
        }
        Path sub = Files.createDirectories(src.resolve("dir/sub"));
        Files.writeString(sub.resolve("deep"), "deep");
        Files.createLink(sub.resolve("hardlink-to-file"), src.resolve("file.txt"));
        Files.createLink(src.resolve("second-link"), src.resolve("file.txt"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("file.txt"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("/nonexistent/target"));
        FsTrees.mknod(src.resolve("fifo"), 0010640, 0);
        try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(src.resolve("socket")));
        }
        Files.writeString(src.resolve(ODD_NAME), "odd");
        Files.writeString(src.resolve(LONG_NAME), "long");
        Files.setPosixFilePermissions(src.resolve("file.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        if (FsTrees.isRoot()) {
            FsTrees.mknod(src.resolve("chardev"), 0020600, PosixFs.makedev(1, 3));
            FsTrees.mknod(src.resolve("blockdev"), 0060600, PosixFs.makedev(7, 200));
            PosixFs.fchownat(PosixFs.AT_FDCWD, FsTrees.c(src.resolve("dir")), 1234, 5678, 0);
            // cap_net_raw+ep (VFS_CAP_REVISION_2)
            FsTrees.setXattr(src.resolve("large.bin"), "security.capability",
                    new byte[] {1, 0, 0, 2, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            PosixFs.fchmodat(PosixFs.AT_FDCWD, FsTrees.c(src.resolve("empty")), 04755, 0);
        }
        if (xattrs) {
            FsTrees.setXattr(src.resolve("file.txt"), "user.comment", "a comment".getBytes());
            FsTrees.setXattr(src.resolve("dir"), "user.empty", new byte[0]);
            // access ACL with a named user and mask, default ACL on dir
            FsTrees.setXattr(src.resolve("dir/sub/deep"), "system.posix_acl_access", acl(
                    new int[][] {{1, 6, -1}, {2, 4, 4242}, {4, 4, -1}, {8, 5, 77}, {0x10, 5, -1}, {0x20, 0, -1}}));
            FsTrees.setXattr(src.resolve("dir/sub"), "system.posix_acl_default", acl(
                    new int[][] {{1, 7, -1}, {2, 5, 4242}, {4, 5, -1}, {0x10, 5, -1}, {0x20, 0, -1}}));
        }
        setMtime(src.resolve("file.txt"), 1700000000L, 123456789);
        setMtime(src.resolve("link"), 1600000000L, 5);
        setMtime(src.resolve("fifo"), -305112601L, 999000000);
        setMtime(sub, 1500000000L, 1);
        setMtime(src.resolve("dir"), 1500000001L, 2);
        setMtime(src, 1500000002L, 3);
    }

    private static byte[] acl(int[][] entries) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 8 * entries.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(2);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
        }
        return b.array();
    }

    private byte[] archive(ArchiverOptions options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PxarArchiver(options, Warnings.collectingInto(warnings)).archive(src, out);
        return out.toByteArray();
    }

    @Test
    void roundTripV1PreservesEverything() throws Exception {
        byte[] archive = archive(ArchiverOptions.DEFAULTS);
        Path dst = tmp.resolve("dst");
        new PxarExtractor(ExtractorOptions.DEFAULTS, Warnings.collectingInto(warnings))
                .extract(PxarDecoder.open(new ByteArrayInputStream(archive), "test"), dst);
        assertEquals(List.of(), warnings);
        Map<String, String> expected = FsTrees.describe(src);
        assertEquals(expected, FsTrees.describe(dst));
        assertTrue(expected.get("/file.txt").contains("mtime=1700000000.123456789"));
        assertTrue(expected.containsKey("/socket") && expected.containsKey("/" + LONG_NAME));
        if (xattrs) {
            assertTrue(expected.get("/file.txt").contains("user.comment"));
            assertTrue(expected.get("/dir/sub/deep").contains("system.posix_acl_access"));
        }
        FileStat sparse = PosixFs.stat(PosixFs.AT_FDCWD, dst.resolve("sparse").toString().getBytes());
        assertTrue(sparse.blocks() * 512 < 1 << 20, "sparse file stays sparse: " + sparse.blocks());
    }

    @Test
    void roundTripSplitArchive() throws Exception {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        PxarArchiver.Result r = new PxarArchiver(ArchiverOptions.DEFAULTS, Warnings.collectingInto(warnings))
                .archiveSplit(src, meta, payload, null);
        assertEquals(2, r.hardlinks());
        Path dst = tmp.resolve("dst2");
        new PxarExtractor(ExtractorOptions.DEFAULTS, Warnings.collectingInto(warnings)).extract(PxarDecoder.openSplit(
                new ByteArrayInputStream(meta.toByteArray()), new ByteArrayInputStream(payload.toByteArray()), "t"), dst);
        assertEquals(List.of(), warnings);
        assertEquals(FsTrees.describe(src), FsTrees.describe(dst));
    }

    @Test
    void entriesAreSortedAndHardlinksPointBack() throws Exception {
        byte[] archive = archive(ArchiverOptions.DEFAULTS);
        List<String> top = new ArrayList<>();
        PxarDecoder dec = PxarDecoder.open(new ByteArrayInputStream(archive), "t");
        List<Entry> links = new ArrayList<>();
        for (Entry e = dec.next(); e != null; e = dec.next()) {
            if (e.kind() != EntryKind.GOODBYE && e.pathString().lastIndexOf('/') == 0 && !e.isRoot()) {
                top.add(e.pathString());
            }
            if (e.kind() == EntryKind.HARDLINK) {
                links.add(e);
            }
        }
        List<String> sorted = new ArrayList<>(top);
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sorted, top);
        assertEquals(2, links.size());
        PxarAccessor acc = PxarAccessor.open(ReadAt.of(archive), archive.length, "t");
        for (Entry link : links) {
            Entry target = acc.resolveHardlink(link);
            assertEquals(link.linkString(), target.pathString().substring(1));
        }
        Entry odd = acc.lookup("/" + ODD_NAME).orElseThrow();
        assertArrayEquals("odd".getBytes(), acc.contents(odd).readAllBytes());
    }

    @Test
    void optionsLeaveOutSpecialFilesAndMetadata() throws Exception {
        byte[] archive = archive(ArchiverOptions.DEFAULTS.withoutSpecialFiles().withoutXattrs().withoutAcls()
                .withFilter((path, kind) -> !new String(path).startsWith("/dir")));
        PxarDecoder dec = PxarDecoder.open(new ByteArrayInputStream(archive), "t");
        for (Entry e = dec.next(); e != null; e = dec.next()) {
            assertFalse(e.kind() == EntryKind.FIFO || e.kind() == EntryKind.SOCKET || e.kind() == EntryKind.DEVICE);
            assertFalse(e.pathString().startsWith("/dir"), e.pathString());
            assertTrue(e.metadata().xattrs().isEmpty() && e.metadata().acl().isEmpty());
        }
        assertThrows(java.io.IOException.class, () -> archive(ArchiverOptions.DEFAULTS.withEntriesMax(5)));
    }
}
