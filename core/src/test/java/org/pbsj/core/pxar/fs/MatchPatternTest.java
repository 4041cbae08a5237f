package org.pbsj.core.pxar.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases follow the documented behaviour and tests of PBS's pathpatterns crate (git wildmatch, path mode). */
class MatchPatternTest {
    static final long DIR = 0040755;
    static final long FILE = 0100644;

    static boolean m(String pattern, String path, long mode) {
        return MatchPattern.parse(pattern, MatchPattern.Type.EXCLUDE).matches(path.getBytes(StandardCharsets.UTF_8), mode);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        // '*' stays within a component, '**' crosses them, '/**/' may be a single '/'
        "/hey/*/you|/hey/asdf/you|true", "/hey/*/you|/hey/asdf/more/you|false", "/hey/*/you|/heyasdf/you|false",
        "/hey/*/you|/hey/you|false", "/hey/*/you|/hey//you|true", "/hey/*/you|/hey/asdfyou|false",
        "/hey/**/you|/hey/asdf/you|true", "/hey/**/you|/hey/asdf/more/you|true", "/hey/**/you|/hey/you|true",
        "/hey/**/you|/hey//you|true", "/hey/**/you|/hey/asdfyou|false", "/hey/**/you|/heyasdf/you|false",
        "/he[yx]/**/you|/hex/asdf/you|true", "/he[yx]/**/you|/hez/you|false",
        "/he[^yx]/**/you|/hez/you|true", "/he[^yx]/**/you|/hey/you|false", "/he[^yx]/**/you|/hez/|false",
        "/tes[a-t]|/test|true", "/tes[a-t]|/tesa|true", "/tes[a-t]|/tesu|false", "/tes[a-t]|/tes|false",
        "/tes[a-t]|/testoolong|false", "/tes[a-t]/a?a|/test/aba|true", "/tes[a-t]/a?a|/test/a/a|false",
        "/tes[a-t]/a?a|/test/ab|false",
        "a*b*c|/axxbxxc|true", "a*b*c|/axxbxxcxx|false", "a*b*c|/axxbxxbxxcxxc|true", "a*b*c*|/axxbxxcxx|true",
        "a/b**/c|/a/bxx/c|true", "a/b**/c|/a/bxx/yy/c|false",
        "**/lost+found|/foo/lost+found|true", "**/lost+found|/lost+found|true", "**/lost+found|/lost+found2|false",
        "**/lost+found|/xlost+found|false", "**/lost+found|/a/b/c/lost+found|true",
        "foo/**|/foo/a/b|true", "foo/**|/x/foo/a|true", "foo/**|/foo|false",
        // a pattern is tried on the whole path and on every suffix after a '/'
        "shop|/things/shop|true", "shop|/things/shop/info.txt|false", "shop|/things/workshop|false",
        "bananas/curved.*|/things/shop/bananas/curved.txt|true", "bananas/curved.*|/bananas/curved|false",
        "[cfs]*|/things/file1.dat|true", "[cfs]*|/things|false", "[cfs]*|/things/shop/info.txt|false",
        "[cfs]*|/shop/bananas/curved.bak|true", "[cfs]*/**|/things/shop/info.txt|true",
        "[cfs]*/**|/things|false", "[cfs]*/**|/shop/apples/golden-delicious.txt|true",
        "some/path|/another/some/path|true", "some/path|/some|false",
        "*|/a/b|true", "/*|/a|true", "/*|/a/b|false", "*.txt|/d/e/notes.txt|true", "*.txt|/d/txt|false",
        // a leading '/' anchors at the archive root
        "/things|/things|true", "/things|/x/things|false", "/a/b|/a/b|true", "/a/b|/x/a/b|false",
        // '?' and classes
        "?|/a|true", "?|/ab|false", "a?c|/a/c|false", "[[:digit:]]*|/1abc|true", "[[:digit:]]*|/abc|false",
        "[[:upper:]][[:lower:]]|/Ab|true", "[[:upper:]][[:lower:]]|/ab|false", "[[:xdigit:]]|/f|true",
        "[[:xdigit:]]|/g|false", "[[:space:]x]|/x|true", "[-a]|/-|true", "[a-]|/-|true", "[a-]|/b|false",
        "[a\\]]|/]|true", "[!a]|/!|true", "[!a]|/b|false", "x[]|/x|false",
        // escapes
        "\\*|/*|true", "\\*|/a|false", "a\\?|/a?|true", "a\\?|/ab|false", "\\[x]|/[x]|true",
        // UTF-8 bytes are plain bytes
        "ä*|/dir/äpfel|true", "*€|/x/1€|true", "?|/ä|false", "??|/ä|true",
    })
    void globs(String pattern, String path, boolean expected) {
        assertEquals(expected, m(pattern, path, FILE));
    }

    @Test
    void trailingSlashMatchesDirectoriesOnly() {
        assertTrue(m("a_dir/", "/a_dir", DIR));
        assertFalse(m("a_dir/", "/a_dir", FILE));
        assertFalse(m("a_dir/", "/a_dir", 0120777));
        assertTrue(m("another_dir//", "/x/another_dir", DIR));
        MatchPattern p = MatchPattern.parse("logs//", MatchPattern.Type.EXCLUDE);
        assertTrue(p.directoriesOnly());
        assertEquals("logs", p.glob());
        assertEquals("logs/", new String(p.toExcludeLine(), StandardCharsets.UTF_8));
    }

    @Test
    void exclamationMarkInverts() {
        MatchPattern inc = MatchPattern.parse("!keep", MatchPattern.Type.EXCLUDE);
        assertEquals(MatchPattern.Type.INCLUDE, inc.type());
        assertEquals("!keep", new String(inc.toExcludeLine(), StandardCharsets.UTF_8));
        assertEquals(MatchPattern.Type.EXCLUDE, MatchPattern.parse("!keep", MatchPattern.Type.INCLUDE).type());
        assertEquals(MatchPattern.Type.INCLUDE, MatchPattern.parse("x", MatchPattern.Type.INCLUDE).type());
        assertEquals("!a/", new String(MatchPattern.parse("!a/", MatchPattern.Type.EXCLUDE).toExcludeLine(),
                StandardCharsets.UTF_8));
    }

    @Test
    void anchoredPatternsMatchWholePathsOnly() {
        MatchPattern p = MatchPattern.parse("some/path".getBytes(), MatchPattern.Type.INCLUDE, true);
        assertTrue(p.matches("some/path".getBytes(), FILE));
        assertFalse(p.matches("/another/some/path".getBytes(), FILE));
        MatchPattern q = MatchPattern.parse("/sub/*.o".getBytes(), MatchPattern.Type.EXCLUDE, true);
        assertTrue(q.matches("/sub/a.o".getBytes(), FILE));
        assertFalse(q.matches("/x/sub/a.o".getBytes(), FILE));
        assertFalse(q.matches("/sub/d/a.o".getBytes(), FILE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!", "a\\", "[abc", "x[^", "[[:foo:]]", "a\u0000b", "[a\\"})
    void malformedPatternsAreRejected(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatchPattern.parse(pattern, MatchPattern.Type.EXCLUDE));
        assertTrue(e.getMessage().contains("pattern"), e.getMessage());
    }

    @Test
    void pathologicalPatternsStayFast() {
        String pattern = "*a".repeat(40) + "b";
        String path = "/" + "a".repeat(4000);
        long start = System.nanoTime();
        assertFalse(m(pattern, path, FILE));
        assertFalse(m("/**/" + "*a/**/".repeat(20) + "b", "/" + "a/".repeat(1000) + "c", FILE));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
    }

    @Test
    void listOfLinesRoundTrips() {
        MatchList l = MatchList.excludes(List.of("*.tmp", "!important.tmp", "cache/", "/abs/path"));
        assertEquals("*.tmp\n!important.tmp\ncache/\n/abs/path\n", l.toString());
    }
}
