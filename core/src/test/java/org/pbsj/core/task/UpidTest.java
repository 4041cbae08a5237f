package org.pbsj.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpidTest {
    private static final String BACKUP =
            "UPID:pbs1:000004D2:0001E240:00000000:665AF0A1:backup:store1\\x3ahost-myhost:root@pam:";

    @Test
    void formatsAsPbsDoes() {
        Upid u = new Upid("pbs1", 1234, 123456, 0, 0x665AF0A1L, "backup", "store1:host/myhost", "root@pam");
        assertEquals(BACKUP, u.toString());
        assertEquals("40", u.logDirName());
    }

    @Test
    void parsesTheSpecExample() {
        Upid u = Upid.parse(BACKUP);
        assertEquals("pbs1", u.node());
        assertEquals(1234, u.pid());
        assertEquals(123456, u.pstart());
        assertEquals(0, u.taskId());
        assertEquals(0x665AF0A1L, u.starttime());
        assertEquals("backup", u.workerType());
        assertEquals("store1:host/myhost", u.workerId());
        assertEquals("root@pam", u.authId());
        assertEquals(BACKUP, u.toString());
    }

    @Test
    void wideFieldsAndLowercaseHexParse() {
        Upid u = Upid.parse("UPID:node-a:0000abcd:1DEADBEEF:0000000000000011:665af0a1:verify:s\\x3avm-100:a@pbs!tok:");
        assertEquals(0x1DEADBEEFL, u.pstart());
        assertEquals(17, u.taskId());
        assertEquals("EF", u.logDirName());
        assertEquals("s:vm/100", u.workerId());
        assertEquals("a@pbs", u.userid());
        assertEquals("tok", u.tokenName());
        assertEquals("UPID:node-a:0000ABCD:1DEADBEEF:00000011:665AF0A1:verify:s\\x3avm-100:a@pbs!tok:", u.toString());
    }

    @Test
    void missingWorkerIdIsNull() {
        Upid u = Upid.parse("UPID:pbs1:000004D2:0001E240:00000001:665AF0A1:garbage_collection::root@pam:");
        assertNull(u.workerId());
        assertNull(u.tokenName());
        assertEquals("UPID:pbs1:000004D2:0001E240:00000001:665AF0A1:garbage_collection::root@pam:", u.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "store1:host/myhost|store1\\x3ahost-myhost",
            "store1|store1",
            "store1:vm/100/665AF0A1|store1\\x3avm-100-665AF0A1",
            ".hidden/a.b|\\x2ehidden-a.b",
            "a-b c|a\\x2db\\x20c",
            "ü|\\xc3\\xbc",
            "store1:ns1/ns2/ct/7|store1\\x3ans1-ns2-ct-7"})
    void workerIdEscaping(String raw, String escaped) {
        assertEquals(escaped, Upid.escapeWorkerId(raw));
        assertEquals(raw, Upid.unescapeWorkerId(escaped));
    }

    @Test
    void escapingRoundTripsRandomStrings() {
        Random r = new Random(7);
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = r.nextInt(20); j > 0; j--) {
                sb.appendCodePoint(r.nextInt(4) == 0 ? 0x20 + r.nextInt(0x2000) : 0x20 + r.nextInt(0x5f));
            }
            String s = sb.toString();
            String escaped = Upid.escapeWorkerId(s);
            assertTrue(escaped.chars().noneMatch(c -> c == ':' || Character.isWhitespace(c)), escaped);
            assertEquals(s, Upid.unescapeWorkerId(escaped));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\\", "abc\\x4", "abc\\y41", "abc\\xg1", "\\xff"})
    void badEscapesAreRejected(String s) {
        assertThrows(IllegalArgumentException.class, () -> Upid.unescapeWorkerId(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "UPID:pbs1:000004D2:0001E240:00000000:665AF0A1:backup:x:root@pam",
            "UPID:-pbs:000004D2:0001E240:00000000:665AF0A1:backup:x:root@pam:",
            "UPID:pbs1:4D2:0001E240:00000000:665AF0A1:backup:x:root@pam:",
            "UPID:pbs1:000004D2:0001E240:00000000:665AF0A1::x:root@pam:",
            "UPID:pbs1:000004D2:0001E240:00000000:665AF0A1:backup:x::",
            "UPID:pbs1:000004D2:0001E240:00000000:665AF0A1:backup:a b:root@pam:",
            "UPID:pbs1:000004D2:00001E240A:00000000:665AF0A1:backup:x:root@pam:"})
    void invalidUpidsAreRejected(String s) {
        assertFalse(Upid.isValid(s));
        assertThrows(IllegalArgumentException.class, () -> Upid.parse(s));
    }

    @Test
    void fieldsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Upid("pbs", 1, 1, 0, 1, "a/b", null, "root@pam"));
        assertThrows(IllegalArgumentException.class, () -> new Upid("pbs", 1, 1, 0, 1, "backup", null, "ro ot"));
        assertThrows(IllegalArgumentException.class, () -> new Upid("pbs.example", 1, 1, 0, 1, "backup", null, "r@pam"));
        assertThrows(IllegalArgumentException.class, () -> new Upid("pbs", 1L << 32, 1, 0, 1, "backup", null, "r@pam"));
    }
}
