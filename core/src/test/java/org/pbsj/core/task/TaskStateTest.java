package org.pbsj.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TaskStateTest {
    @Test
    void textsAndResultLines() {
        assertEquals("OK", TaskState.ok(5).text());
        assertEquals("TASK OK", TaskState.ok(5).resultLine());
        assertEquals("WARNINGS: 3", TaskState.warnings(5, 3).text());
        assertEquals("TASK WARNINGS: 3", TaskState.warnings(5, 3).resultLine());
        assertEquals("disk full", TaskState.error(5, "disk full").text());
        assertEquals("TASK ERROR: disk full", TaskState.error(5, "disk full").resultLine());
        assertEquals("unknown", TaskState.unknown(5).text());
        assertEquals(TaskState.ok(9), TaskState.success(9, 0));
        assertEquals(TaskState.warnings(9, 2), TaskState.success(9, 2));
    }

    @Test
    void parsesStatusTexts() {
        assertEquals(TaskState.ok(7), TaskState.parse("OK", 7));
        assertEquals(TaskState.warnings(7, 12), TaskState.parse("WARNINGS: 12", 7));
        assertEquals(TaskState.unknown(7), TaskState.parse("unknown", 7));
        assertEquals(TaskState.error(7, "boom"), TaskState.parse("ERROR: boom", 7));
        assertEquals(TaskState.error(7, "boom"), TaskState.parse("boom", 7));
        assertThrows(IllegalArgumentException.class, () -> TaskState.parse("", 7));
        assertThrows(IllegalArgumentException.class, () -> TaskState.parse("WARNINGS: x", 7));
    }

    @Test
    void filterNames() {
        assertEquals("warning", TaskState.Kind.WARNING.filterName());
        assertEquals(TaskState.Kind.UNKNOWN, TaskState.Kind.byFilterName("unknown"));
        assertThrows(IllegalArgumentException.class, () -> TaskState.Kind.byFilterName("OK"));
    }
}
