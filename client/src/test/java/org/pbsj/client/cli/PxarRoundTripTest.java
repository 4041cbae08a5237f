package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarEncoder;
import org.pbsj.core.pxar.PxarFormat;
import org.pbsj.core.pxar.fs.PosixFs;

/** {@code pxar create} → {@code list} → {@code extract} on real trees; excludes, patterns, strict mode. */
@Timeout(120)
class PxarRoundTripTest {
    static final String NEWLINE = "new\nline";
    static final String UTF8 = "äöü € – 日本";
    static final String LONG = "n".repeat(255);
    static final String LONG_UTF8 = "ä".repeat(127) + "x"; // 255 bytes

    @TempDir
    Path dir;
    PxarToolFixture fx;
    Path src;
    boolean xattrs;
    boolean root = PosixFs.geteuid() == 0;

    @BeforeEach
    void tree() throws IOException {
        fx = new PxarToolFixture(dir);
        src = Files.createDirectory(dir.resolve("src"));
        xattrs = PxarToolFixture.userXattrsSupported(dir);
        Files.writeString(src.resolve("file.txt"), "hello\n");
        PxarToolFixture.chmod(src.resolve("file.txt"), "rw-r-----");
        Files.createFile(src.resolve("empty"));
        byte[] big = new byte[300_000];
        new java.util.Random(3).nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        Files.createDirectories(src.resolve("dir/sub"));
        Files.writeString(src.resolve("dir/sub/deep.txt"), "deep");
        Files.createLink(src.resolve("dir/hardlink"), src.resolve("file.txt"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("file.txt"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("/nonexistent/x"));
        PosixFs.mknodat(PosixFs.AT_FDCWD, PosixFs.c(src.resolve("fifo").toString().getBytes()), 0010640, 0);
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(src.resolve("socket")));
        }
        if (root) {
            PosixFs.mknodat(PosixFs.AT_FDCWD, PosixFs.c(src.resolve("null").toString().getBytes()), 0020666,
                    PosixFs.makedev(1, 3));
        }
        for (String name : List.of(NEWLINE, UTF8, LONG, LONG_UTF8)) {
            Files.writeString(src.resolve(name), name);
        }
        if (xattrs) {
            PxarToolFixture.setXattr(src.resolve("file.txt"), "comment", "a comment");
            PxarToolFixture.setXattr(src.resolve("dir"), "empty", "");
        }
        Files.setLastModifiedTime(src.resolve("file.txt"), FileTime.fromMillis(1_700_000_000_123L));
        Files.setLastModifiedTime(src.resolve("dir/sub"), FileTime.fromMillis(1_500_000_000_000L));
        Files.setLastModifiedTime(src.resolve("dir"), FileTime.fromMillis(-305112601L * 1000 - 1));
    }

    @Test
    void createListExtract() throws IOException {
        PxarToolFixture.Run r = fx.run("create", "a.pxar", "src");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.out());
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("a.pxar"))));

        r = fx.run("list", "a.pxar");
        assertEquals(0, r.rc(), r.err());
        List<String> lines = r.lines();
        assertEquals("\"/\"", lines.get(0));
        assertTrue(lines.contains("\"/new\\nline\""), lines.toString());
        assertTrue(lines.contains("\"/" + UTF8 + "\""), lines.toString());
        assertTrue(lines.contains("\"/" + LONG_UTF8 + "\""), lines.toString());
        assertTrue(lines.contains("\"/dir/sub/deep.txt\""), lines.toString());
        assertEquals(lines.size(), fx.run("list", "a.pxar", "--output-format", "json").json().size());
        String verbose = fx.run("list", "a.pxar", "-v").out();
        assertTrue(verbose.contains("prw-r-----   "), verbose);
        assertTrue(verbose.contains("\"/link\" -> \"file.txt\""), verbose);
        assertTrue(verbose.contains("L---------   0/0"), verbose); // dir/hardlink (after /big.bin ... by name order)
        assertTrue(!xattrs || verbose.contains("-rw-r----- + "), verbose);

        r = fx.run("extract", "a.pxar", "out");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err());
        Map<String, String> expected = PxarToolFixture.describe(src);
        assertEquals(expected, PxarToolFixture.describe(dir.resolve("out")));
        assertTrue(expected.get("/file.txt").contains("link-group=/dir/hardlink"), expected.get("/file.txt"));

        PxarToolFixture.Run again = fx.run("extract", "a.pxar", "out");
        assertEquals(1, again.rc());
        assertTrue(again.err().startsWith("Error: "), again.err());
        r = fx.run("extract", "a.pxar", "out", "--allow-existing-dirs", "--overwrite");
        assertEquals(0, r.rc(), r.err());
        assertEquals(expected, PxarToolFixture.describe(dir.resolve("out")));

        PxarToolFixture.Run exists = fx.run("create", "a.pxar", "src");
        assertEquals(1, exists.rc());
        assertTrue(exists.err().contains("a.pxar: already exists"), exists.err());
    }

    @Test
    void sameTreeGivesIdenticalBytes() throws IOException {
        assertEquals(0, fx.run("create", "one.pxar", "src").rc());
        assertEquals(0, fx.run("create", "two.pxar", "src").rc());
        assertArrayEquals(Files.readAllBytes(dir.resolve("one.pxar")), Files.readAllBytes(dir.resolve("two.pxar")));
        assertEquals(0, fx.run("create", "s1.mpxar", "src", "--payload-output", "s1.ppxar").rc());
        assertEquals(0, fx.run("create", "s2.mpxar", "src", "--payload-output", "s2.ppxar").rc());
        assertArrayEquals(Files.readAllBytes(dir.resolve("s1.mpxar")), Files.readAllBytes(dir.resolve("s2.mpxar")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("s1.ppxar")), Files.readAllBytes(dir.resolve("s2.ppxar")));
    }

    @Test
    void splitArchiveRoundTrip() throws IOException {
        PxarToolFixture.Run r = fx.run("create", "s.mpxar", "src", "--payload-output", "s.ppxar", "--exclude", "big*");
        assertEquals(0, r.rc(), r.err());
        r = fx.run("extract", "s.mpxar", "out", "--payload-input", "s.ppxar");
        assertEquals(0, r.rc(), r.err());
        Map<String, String> expected = PxarToolFixture.describe(src);
        expected.remove("/big.bin");
        assertEquals(expected, PxarToolFixture.describe(dir.resolve("out")));
        assertFalse(fx.run("list", "s.mpxar").out().contains(".pxarexclude-cli"), "split archives use the prelude");
    }

    @Test
    void excludes() throws IOException {
        Files.writeString(src.resolve(".pxarexclude"), "*.log\n!keep.log\n/top-only\ncache/\n");
        Files.createDirectories(src.resolve("a/cache"));
        Files.writeString(src.resolve("a/cache/x"), "x");
        Files.writeString(src.resolve("cache"), "a file named cache stays");
        Files.writeString(src.resolve("a/x.log"), "x");
        Files.writeString(src.resolve("a/keep.log"), "k");
        Files.writeString(src.resolve("top-only"), "t");
        Files.writeString(src.resolve("a/top-only"), "t");
        Files.createDirectories(src.resolve("a/b"));
        Files.writeString(src.resolve("a/.pxarexclude"), "/b/\n!*.log\n");
        Files.writeString(src.resolve("a/b/y"), "y");
        Files.writeString(src.resolve("a/z.log"), "z");
        PxarToolFixture.Run r = fx.run("create", "e.pxar", "src", "--exclude", "*.txt", "--exclude", "!deep.txt",
                "--exclude", "/dir/sub/", "--exclude", "/fifo");
        assertEquals(0, r.rc(), r.err());
        List<String> lines = fx.run("list", "e.pxar").lines();
        for (String gone : List.of("/file.txt", "/dir/sub", "/top-only", "/a/cache", "/a/b", "/fifo")) {
            assertFalse(lines.contains("\"" + gone + "\""), gone + " in " + lines);
        }
        for (String kept : List.of("/.pxarexclude", "/a/.pxarexclude", "/cache", "/a/top-only", "/a/keep.log",
                "/a/x.log", "/a/z.log", "/dir", "/dir/hardlink", "/link")) {
            assertTrue(lines.contains("\"" + kept + "\""), kept + " not in " + lines);
        }
        assertEquals("\"/.pxarexclude-cli\"", lines.get(lines.size() - 1));
        assertEquals(0, fx.run("extract", "e.pxar", "out").rc());
        assertEquals("*.txt\n!deep.txt\n/dir/sub/\n/fifo\n", Files.readString(dir.resolve("out/.pxarexclude-cli")));
        assertEquals("hello\n", Files.readString(dir.resolve("out/dir/hardlink"))); // stored in full: target excluded
    }

    @Test
    void extractPatterns() throws IOException {
        assertEquals(0, fx.run("create", "a.pxar", "src").rc());
        PxarToolFixture.Run r = fx.run("extract", "a.pxar", "out", "--pattern", "*.bin", "--pattern", "*.txt",
                "--pattern", "!deep*", "--pattern", "!/file.txt");
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err());
        assertEquals(List.of("/big.bin"), tree(dir.resolve("out")));
        r = fx.run("extract", "a.pxar", "out2", "--pattern", "/dir/", "--no-xattrs");
        assertEquals(0, r.rc(), r.err());
        assertEquals(List.of("/dir", "/dir/hardlink", "/dir/sub", "/dir/sub/deep.txt"), tree(dir.resolve("out2")));
        Files.writeString(dir.resolve("list"), "# comment\ndeep.txt\n");
        r = fx.run("extract", "a.pxar", "out3", "--files-from", "list", "--no-fifos", "--no-sockets");
        assertEquals(0, r.rc(), r.err());
        assertEquals(List.of("/dir", "/dir/sub", "/dir/sub/deep.txt"), tree(dir.resolve("out3")));
        r = fx.run("extract", "a.pxar", "out4", "--no-fifos", "--no-sockets", "--no-device-nodes");
        assertEquals(0, r.rc(), r.err());
        List<String> all = tree(dir.resolve("out4"));
        assertFalse(all.contains("/fifo") || all.contains("/socket") || all.contains("/null"), all.toString());
        assertTrue(all.contains("/link"), all.toString());
    }

    @Test
    void strictTurnsWarningsIntoErrors() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PxarEncoder enc = PxarEncoder.create(out, Metadata.of(PxarFormat.IFDIR | 0755, 0, 0, 0, 0));
        long f = enc.addFile("f".getBytes(), Metadata.of(PxarFormat.IFREG | 0644, 0, 0, 0, 0), "x".getBytes());
        enc.addHardlink("g".getBytes(), "missing/f".getBytes(StandardCharsets.UTF_8), f);
        enc.addFile("h".getBytes(), Metadata.of(PxarFormat.IFREG | 0644, 0, 0, 0, 0), "y".getBytes());
        enc.finish();
        Files.write(dir.resolve("w.pxar"), out.toByteArray());

        PxarToolFixture.Run r = fx.run("extract", "w.pxar", "lenient");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().startsWith("warning: /g: cannot link to missing/f"), r.err());
        assertTrue(Files.exists(dir.resolve("lenient/h")));

        r = fx.run("extract", "w.pxar", "strict", "--strict");
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith("Error: /g: cannot link to missing/f"), r.err());
        assertTrue(r.err().contains("--strict"), r.err());
        assertFalse(Files.exists(dir.resolve("strict/h")), "strict stops at the first problem");
    }

    @Test
    void archiveFromStdin() throws IOException {
        assertEquals(0, fx.run("create", "a.pxar", "src").rc());
        fx.stdin = Files.readAllBytes(dir.resolve("a.pxar"));
        PxarToolFixture.Run r = fx.run("list", "-");
        assertEquals(0, r.rc(), r.err());
        assertEquals(fx.run("list", "a.pxar").out(), r.out());
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> "/" + root.relativize(p)).sorted().toList();
        }
    }
}
