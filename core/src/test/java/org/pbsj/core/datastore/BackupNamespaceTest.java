package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupNamespaceTest {
    @Test
    void textAndPathForms() {
        BackupNamespace ns = BackupNamespace.parse("a/b");
        assertEquals(List.of("a", "b"), ns.components());
        assertEquals("ns/a/ns/b", ns.path());
        assertEquals("a/b", ns.toString());
        assertEquals(ns, BackupNamespace.fromPath("ns/a/ns/b"));
        assertEquals(ns, BackupNamespace.fromPath("ns/a/ns/b/"));
        assertEquals(BackupNamespace.ROOT, BackupNamespace.parse(""));
        assertEquals("", BackupNamespace.ROOT.path());
        assertEquals(BackupNamespace.ROOT, BackupNamespace.fromPath(""));
        assertEquals(ns.path().length(), ns.toString().length() + 3 * ns.depth());
    }

    @Test
    void parentChildAndContains() {
        BackupNamespace ab = BackupNamespace.of("a", "b");
        assertEquals(BackupNamespace.of("a"), ab.parent());
        assertEquals(ab, BackupNamespace.of("a").child("b"));
        assertEquals("b", ab.name());
        assertTrue(BackupNamespace.ROOT.contains(ab));
        assertTrue(BackupNamespace.of("a").contains(ab));
        assertFalse(ab.contains(BackupNamespace.of("a")));
        assertThrows(IllegalStateException.class, BackupNamespace.ROOT::parent);
    }

    @Test
    void depthIsAtMostSeven() {
        assertEquals(7, BackupNamespace.parse("1/2/3/4/5/6/7").depth());
        assertThrows(InvalidNameException.class, () -> BackupNamespace.parse("1/2/3/4/5/6/7/8"));
        assertThrows(InvalidNameException.class, () -> BackupNamespace.parse("1/2/3/4/5/6/7").child("8"));
    }

    @Test
    void lengthFollowsPbsPushRule() {
        String c = "x".repeat(127);
        assertEquals(2, BackupNamespace.parse(c + "/" + c).depth()); // 128 + 128 = 256
        assertThrows(InvalidNameException.class, () -> BackupNamespace.parse(c + "/" + c + "x"));
        assertThrows(InvalidNameException.class, () -> BackupNamespace.parse("y".repeat(256)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../etc", "a/../b", "a/./b", "/abs", "a/", "a//b", ".hidden", "a\0b",
            "a\nb", "a b", "ü", "-x"})
    void traversalAndBadCharactersAreRejected(String text) {
        assertThrows(InvalidNameException.class, () -> BackupNamespace.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ns/a/x/b", "x/a", "ns/../ns/a", "ns//"})
    void malformedPathsAreRejected(String path) {
        assertThrows(InvalidNameException.class, () -> BackupNamespace.fromPath(path));
    }

    @Test
    void orderIsComponentWise() {
        assertTrue(BackupNamespace.parse("a").compareTo(BackupNamespace.parse("a/b")) < 0);
        assertTrue(BackupNamespace.parse("a/z").compareTo(BackupNamespace.parse("b")) < 0);
        assertTrue(BackupNamespace.ROOT.compareTo(BackupNamespace.parse("a")) < 0);
    }
}
