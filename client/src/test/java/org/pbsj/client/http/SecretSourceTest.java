package org.pbsj.client.http;

import org.pbsj.core.client.ClientException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourceTest {
    @Test
    void directVariableWinsAndGivesFirstLine() {
        var s = new SecretSource(Map.of("PBS_PASSWORD", "pw1\nrest", "PBS_PASSWORD_CMD", "echo other"));
        assertEquals("pw1", s.get("PBS_PASSWORD").orElseThrow());
    }

    @Test
    void file(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "from-file\nsecond\n");
        assertEquals("from-file", new SecretSource(Map.of("PBS_PASSWORD_FILE", f.toString())).get("PBS_PASSWORD").orElseThrow());
    }

    @Test
    void command() {
        var s = new SecretSource(Map.of("PBS_ENCRYPTION_PASSWORD_CMD", "printf 'a b\\nc'"));
        assertEquals("a b", s.get("PBS_ENCRYPTION_PASSWORD").orElseThrow());
        assertThrows(ClientException.class, () -> new SecretSource(Map.of("PBS_PASSWORD_CMD", "exit 3")).get("PBS_PASSWORD"));
    }

    @Test
    void fdAndErrors() {
        assertThrows(ClientException.class, () -> new SecretSource(Map.of("PBS_PASSWORD_FD", "x")).get("PBS_PASSWORD"));
        assertThrows(ClientException.class, () -> new SecretSource(Map.of("PBS_PASSWORD_FILE", "/nonexistent/x")).get("PBS_PASSWORD"));
        assertTrue(new SecretSource(Map.of()).get("PBS_PASSWORD").isEmpty());
    }
}
