package org.pbsj.core.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupGroupTest {
    @Test
    void pathAndDisplay() {
        BackupGroup g = BackupGroup.parse(BackupNamespace.parse("a/b"), "vm/100");
        assertEquals("ns/a/ns/b/vm/100", g.path());
        assertEquals("vm/100", g.toString());
        assertEquals("host/web.example", BackupGroup.parse("host/web.example").path());
    }

    @Test
    void pbsOrder() {
        List<String> in = List.of("vm/abc", "vm/100", "host/b", "ct/5", "vm/20", "vm/18446744073709551615",
                "vm/007", "vm/Z", "host/a");
        List<BackupGroup> groups = new ArrayList<>();
        in.forEach(s -> groups.add(BackupGroup.parse(s)));
        groups.sort(null);
        assertEquals(List.of("ct/5", "host/a", "host/b", "vm/007", "vm/20", "vm/100", "vm/18446744073709551615",
                "vm/Z", "vm/abc"), groups.stream().map(BackupGroup::toString).collect(Collectors.toList()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm/..", "vm/../../etc", "vm/a/b", "vm/.x", "vm/", "/vm/1", "VM/1", "lxc/1", "vm/a\0b",
            "vm/a\nb", "vm/-1"})
    void invalidGroupsAreRejected(String s) {
        assertThrows(InvalidNameException.class, () -> BackupGroup.parse(s));
    }

    @Test
    void idLengthIsLimitedByTheFileSystem() {
        BackupGroup.of(BackupType.VM, "a".repeat(255));
        assertThrows(InvalidNameException.class, () -> BackupGroup.of(BackupType.VM, "a".repeat(256)));
        assertThrows(InvalidNameException.class, () -> BackupGroup.of(BackupType.VM, ".."));
        assertThrows(NullPointerException.class, () -> new BackupGroup(null, BackupType.VM, "1"));
    }
}
