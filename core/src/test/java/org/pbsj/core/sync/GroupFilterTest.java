package org.pbsj.core.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupType;

class GroupFilterTest {
    private static final BackupGroup VM100 = BackupGroup.of(BackupType.VM, "100");
    private static final BackupGroup HOST_WEB = BackupGroup.of(BackupType.HOST, "web-1");

    @Test
    void noFilterPassesAll() {
        assertTrue(GroupFilter.parse(null).matches(VM100));
        assertTrue(GroupFilter.parse(List.of()).matches(HOST_WEB));
    }

    @Test
    void includesAreAlternativesAndExcludesWin() {
        GroupFilter f = GroupFilter.parse(List.of("type:vm", "include:group:host/web-1", "exclude:regex:00$"));
        assertFalse(f.matches(VM100));
        assertTrue(f.matches(BackupGroup.of(BackupType.VM, "101")));
        assertTrue(f.matches(HOST_WEB));
        assertFalse(f.matches(BackupGroup.of(BackupType.HOST, "web-2")));
    }

    @Test
    void onlyExcludesPassEverythingElse() {
        GroupFilter f = GroupFilter.parse(List.of("exclude:type:host"));
        assertTrue(f.matches(VM100));
        assertFalse(f.matches(HOST_WEB));
    }

    @Test
    void regexIsAnUnanchoredSearchOnTypeSlashId() {
        assertTrue(GroupFilter.parse(List.of("regex:m/1")).matches(VM100));
        assertFalse(GroupFilter.parse(List.of("regex:^100")).matches(VM100));
    }

    @Test
    void badFiltersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GroupFilter.parse(List.of("type:lxc")));
        assertThrows(IllegalArgumentException.class, () -> GroupFilter.parse(List.of("group:vm")));
        assertThrows(IllegalArgumentException.class, () -> GroupFilter.parse(List.of("regex:(")));
        assertThrows(IllegalArgumentException.class, () -> GroupFilter.parse(List.of("name:x")));
    }
}
