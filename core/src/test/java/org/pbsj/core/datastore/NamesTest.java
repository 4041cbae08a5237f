package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "0", "a.b-c_d", "A9"})
    void safeIds(String s) {
        assertTrue(Names.isSafeId(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "/abs", "a/b", "a\0", "-a", ".a", "a b", "a\\b", "ä"})
    void unsafeIds(String s) {
        assertFalse(Names.isSafeId(s));
        assertThrows(InvalidNameException.class, () -> Names.requireSafeId("thing", s));
    }

    @Test
    void tooLongAndDatastoreNames() {
        assertThrows(InvalidNameException.class, () -> Names.requireSafeId("id", "a".repeat(256)));
        assertEquals("abc", Names.requireDatastoreName("abc"));
        assertThrows(InvalidNameException.class, () -> Names.requireDatastoreName("ab"));
        assertThrows(InvalidNameException.class, () -> Names.requireDatastoreName("a".repeat(33)));
    }

    @Test
    void errorMessagesEscapeControlCharacters() {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> Names.requireBackupId("a\nb"));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("\\x0a"));
    }
}
