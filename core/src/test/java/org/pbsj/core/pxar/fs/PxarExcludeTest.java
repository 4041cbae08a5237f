package org.pbsj.core.pxar.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.PxarDecoder;

/** Exclusion while archiving (.pxarexclude, --exclude) and --pattern while extracting. */
class PxarExcludeTest {
    @TempDir
    Path tmp;
    Path src;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectory(tmp.resolve("src"));
        write(".pxarexclude", "# root patterns\n*.tmp\n/build/\n!keep.tmp\n[bad\n");
        write(".pxarexclude-cli", "stale, never stored\n");
        write("a.tmp", "a");
        write("keep.tmp", "k");
        write("b.txt", "b");
        write("z.log", "z");
        write("build/x", "x");
        write("sub/build/y", "y");
        write("sub/.pxarexclude", "/only-here\n*.log\n");
        write("sub/only-here", "o");
        write("sub/deeper/only-here", "o");
        write("sub/deeper/q.log", "q");
        write("sub/c.tmp", "c");
    }

    private void write(String rel, String content) throws IOException {
        Path p = src.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private byte[] archive(ArchiverOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PxarArchiver(options, Warnings.collectingInto(warnings)).archive(src, out);
        return out.toByteArray();
    }

    private static List<String> paths(byte[] archive) throws IOException {
        List<String> out = new ArrayList<>();
        PxarDecoder d = PxarDecoder.open(new ByteArrayInputStream(archive), "test");
        for (Entry e = d.next(); e != null; e = d.next()) {
            if (e.kind() != EntryKind.GOODBYE) {
                out.add(e.pathString());
            }
        }
        return out;
    }

    @Test
    void pxarExcludeFilesApplyToTheirSubtree() throws IOException {
        List<String> paths = paths(archive(ArchiverOptions.DEFAULTS));
        assertEquals(List.of("/", "/.pxarexclude", "/b.txt", "/keep.tmp", "/sub", "/sub/.pxarexclude", "/sub/build",
                "/sub/build/y", "/sub/deeper", "/sub/deeper/only-here", "/z.log"), paths);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("/.pxarexclude: bad pattern '[bad'"), warnings.get(0));
    }

    @Test
    void commandLinePatternsAreStoredAsLastRootEntry() throws IOException {
        MatchList cli = MatchList.excludes(List.of("b.txt", "sub/deeper/", "!a.tmp"));
        byte[] archive = archive(ArchiverOptions.DEFAULTS.withPatterns(cli));
        List<String> paths = paths(archive);
        // .pxarexclude files come later and win: "*.tmp" excludes a.tmp again
        assertEquals(List.of("/", "/.pxarexclude", "/keep.tmp", "/sub", "/sub/.pxarexclude", "/sub/build",
                "/sub/build/y", "/z.log", "/.pxarexclude-cli"), paths);
        PxarDecoder d = PxarDecoder.open(new ByteArrayInputStream(archive), "test");
        for (Entry e = d.next(); e != null; e = d.next()) {
            if (e.pathString().equals("/.pxarexclude-cli")) {
                assertEquals(0100600, e.metadata().mode());
                assertEquals(0, e.metadata().uid() + e.metadata().gid() + e.metadata().mtimeSecs());
                assertEquals("b.txt\nsub/deeper/\n!a.tmp\n", new String(d.contents().readAllBytes()));
            }
        }
    }

    @Test
    void exclusionCanBeSwitchedOff() throws IOException {
        List<String> paths = paths(archive(ArchiverOptions.DEFAULTS.withPxarExcludeFiles(false)));
        assertTrue(paths.containsAll(List.of("/a.tmp", "/build/x", "/sub/only-here", "/sub/deeper/q.log")), paths.toString());
        assertTrue(!paths.contains("/.pxarexclude-cli"), "a stale .pxarexclude-cli in the root is never stored");
    }

    @Test
    void entriesMaxCountsTheListingsAlongThePath() throws IOException {
        Path t = Files.createDirectory(tmp.resolve("t"));
        for (String d : List.of("d1", "d2")) {
            for (String f : List.of("f1", "f2", "f3")) {
                Files.createDirectories(t.resolve(d));
                Files.writeString(t.resolve(d).resolve(f), f);
            }
        }
        src = t;
        archive(ArchiverOptions.DEFAULTS.withEntriesMax(5)); // 2 + 3 held at most, 8 in total
        IOException e = assertThrows(IOException.class, () -> archive(ArchiverOptions.DEFAULTS.withEntriesMax(4)));
        assertTrue(e.getMessage().contains("entries-max"), e.getMessage());
    }

    private List<String> extract(MatchList patterns) throws Exception {
        byte[] archive = archive(ArchiverOptions.DEFAULTS.withPxarExcludeFiles(false));
        Path dst = Files.createTempDirectory(tmp, "dst");
        new PxarExtractor(ExtractorOptions.DEFAULTS.withPatterns(patterns), Warnings.collectingInto(warnings))
                .extract(PxarDecoder.open(new ByteArrayInputStream(archive), "test"), dst);
        try (Stream<Path> s = Files.walk(dst)) {
            return s.filter(p -> !p.equals(dst)).map(p -> "/" + dst.relativize(p)).sorted().toList();
        }
    }

    @Test
    void extractPatternsCreateParentsOnDemand() throws Exception {
        assertEquals(List.of("/sub", "/sub/deeper", "/sub/deeper/q.log", "/z.log"),
                extract(MatchList.includes(List.of("*.log"))));
        assertEquals(List.of("/sub", "/sub/.pxarexclude", "/sub/build", "/sub/build/y", "/sub/c.tmp", "/sub/only-here"),
                extract(MatchList.includes(List.of("/sub/", "!deeper/"))));
        assertEquals(List.of("/build", "/sub", "/sub/build"), extract(MatchList.includes(List.of("build/", "!y", "!x"))));
        assertEquals(List.of(), extract(MatchList.includes(List.of("nothing-matches"))));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }
}
