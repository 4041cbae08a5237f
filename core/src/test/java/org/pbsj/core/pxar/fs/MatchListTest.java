package org.pbsj.core.pxar.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pbsj.core.pxar.fs.MatchPattern.Type;

class MatchListTest {
    static final long DIR = 0040755;
    static final long FILE = 0100644;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void laterPatternsWin() {
        MatchList l = MatchList.excludes(List.of("*.log", "!keep.log"));
        assertEquals(Type.EXCLUDE, l.matches(b("/var/x.log"), FILE));
        assertEquals(Type.INCLUDE, l.matches(b("/var/keep.log"), FILE));
        assertNull(l.matches(b("/var/x.txt"), FILE));
        MatchList reversed = MatchList.excludes(List.of("!keep.log", "*.log"));
        assertEquals(Type.EXCLUDE, reversed.matches(b("/var/keep.log"), FILE));
    }

    @Test
    void pathpatternsDocumentationExample() {
        MatchList l = MatchList.includes(List.of("shop", "!bananas", "bananas/curved.*"));
        assertNull(l.matches(b("/things"), DIR));
        assertEquals(Type.INCLUDE, l.matches(b("/things/shop"), DIR));
        assertEquals(Type.EXCLUDE, l.matches(b("/things/shop/bananas"), DIR));
        assertEquals(Type.INCLUDE, l.matches(b("/things/shop/bananas/curved.txt"), FILE));
        assertEquals(Type.INCLUDE, l.matches(b("/things/shop/bananas/curved.bak"), FILE));
        assertEquals(Type.EXCLUDE, l.plus(List.of(MatchPattern.parse("!curved.bak", Type.INCLUDE)))
                .matches(b("/things/shop/bananas/curved.bak"), FILE));
        assertEquals(Type.INCLUDE, l.plus(List.of(MatchPattern.parse(b("curved.bak"), Type.EXCLUDE, true)))
                .matches(b("/things/shop/bananas/curved.bak"), FILE));
    }

    @Test
    void directoryOnlyInclude() {
        MatchList l = MatchList.of(List.of(MatchPattern.parse("a_dir/", Type.INCLUDE),
                MatchPattern.parse("!another_dir//", Type.INCLUDE)));
        assertEquals(Type.INCLUDE, l.matches(b("/a_dir"), DIR));
        assertNull(l.matches(b("/a_dir"), FILE));
        assertEquals(Type.EXCLUDE, l.matches(b("/another_dir"), DIR));
        assertNull(l.matches(b("/another_dir"), FILE));
    }

    @Test
    void pxarExcludeFileSyntax() {
        List<String> bad = new ArrayList<>();
        String content = "# comment\n\n  *.o  \r\n!keep.o\n/build/\n!/build/keep\n\t#not a comment after trim?\n"
                + "[broken\n!!double\nlast-without-newline";
        List<MatchPattern> ps = MatchList.parseExcludeFile(b(content), b("/src"), bad::add);
        assertEquals(1, bad.size(), bad.toString());
        assertTrue(bad.get(0).contains("unclosed character class"), bad.get(0));
        List<String> shown = ps.stream().map(MatchPattern::toString).toList();
        assertEquals(List.of("*.o", "!keep.o", "/src/build/ (anchored)", "!/src/build/keep (anchored)",
                "double", "last-without-newline"), shown);
        MatchList l = MatchList.of(ps);
        assertEquals(Type.EXCLUDE, l.matches(b("/src/a/x.o"), FILE));
        assertEquals(Type.INCLUDE, l.matches(b("/src/keep.o"), FILE));
        assertEquals(Type.EXCLUDE, l.matches(b("/src/build"), DIR));
        assertNull(l.matches(b("/src/build"), FILE));
        assertNull(l.matches(b("/src/x/build"), DIR)); // anchored at the directory of the file
        assertEquals(Type.INCLUDE, l.matches(b("/src/build/keep"), FILE));
        assertEquals(Type.EXCLUDE, l.matches(b("/src/double"), FILE)); // "!!double": inverted twice, as in PBS
    }

    @Test
    void rootPxarExcludeAnchorsAtTheRoot() {
        List<MatchPattern> ps = MatchList.parseExcludeFile(b("/tmp\n"), new byte[0], m -> { });
        assertEquals(Type.EXCLUDE, MatchList.lastMatch(ps, b("/tmp"), DIR));
        assertNull(MatchList.lastMatch(ps, b("/var/tmp"), DIR));
    }

    @Test
    void emptyFileAndOnlyComments() {
        assertTrue(MatchList.parseExcludeFile(new byte[0], new byte[0], m -> { }).isEmpty());
        assertTrue(MatchList.parseExcludeFile(b("#x\n   \n\n"), new byte[0], m -> { }).isEmpty());
        assertTrue(MatchList.EMPTY.isEmpty());
        assertEquals(0, MatchList.EMPTY.toExcludeFile().length);
    }
}
