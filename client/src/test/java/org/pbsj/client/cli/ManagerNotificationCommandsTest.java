package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code pbs-manager notification endpoint smtp …}: which API calls they make and what they print. */
class ManagerNotificationCommandsTest {
    record Call(String method, String path, Map<String, ?> params) {
    }

    final List<Call> calls = new ArrayList<>();
    Object answer;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int run(String... args) {
        out.reset();
        ManagerUserCommands.Api api = (m, p, params) -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, v);
                }
            });
            calls.add(new Call(m, p, copy));
            return answer;
        };
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Command endpoint = new ManagerNotificationCommands(api, FakeTerminal.none(), Map.of(), ps).endpoints();
        List<String> all = new ArrayList<>(List.of("endpoint", "smtp"));
        all.addAll(List.of(args));
        return new CommandLine("pbs-manager", Command.group("notification", "notifications", endpoint))
                .run(all.toArray(String[]::new), ps, ps);
    }

    @Test
    void createSendsTheEndpoint() {
        assertEquals(0, run("create", "relay", "--server", "mail.example.com", "--mode", "starttls", "--from-address",
                "pbs@example.com", "--mailto", "a@example.com,b@example.com", "--port", "2525"));
        assertEquals(new Call("POST", "/config/notifications/endpoints/smtp", Map.of("server", "mail.example.com",
                "mode", "starttls", "from-address", "pbs@example.com", "mailto", List.of("a@example.com", "b@example.com"),
                "port", 2525L, "name", "relay")), calls.get(0));
    }

    @Test
    void createWithUsernameButNoPasswordAndNoTerminalFails() {
        assertNotEquals(0, run("create", "relay", "--server", "h", "--from-address", "a@b", "--username", "u"));
        assertNotEquals(0, run("create", "relay", "--server", "h"));
        assertTrue(calls.isEmpty());
    }

    @Test
    void updateRemoveAndTest() {
        assertEquals(0, run("update", "relay", "--disable", "yes", "--delete", "comment,port"));
        assertEquals(new Call("PUT", "/config/notifications/endpoints/smtp/relay", Map.of("disable", true, "delete",
                List.of("comment", "port"))), calls.get(0));
        assertEquals(0, run("remove", "relay"));
        assertEquals(new Call("DELETE", "/config/notifications/endpoints/smtp/relay", Map.of()), calls.get(1));
        assertEquals(0, run("test", "relay"));
        assertEquals(new Call("POST", "/config/notifications/targets/relay/test", Map.of()), calls.get(2));
    }

    @Test
    void listPrintsATable() {
        answer = List.of(Map.of("name", "relay", "server", "mail.example.com", "from-address", "pbs@example.com"));
        assertEquals(0, run("list"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("mail.example.com"), out.toString(StandardCharsets.UTF_8));
        assertEquals("GET", calls.get(0).method());
    }
}
