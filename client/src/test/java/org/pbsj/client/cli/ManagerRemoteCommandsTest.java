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

/** The remote subcommands of pbs-manager: which API calls they make and what they print. */
class ManagerRemoteCommandsTest {
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
        Command[] cmds = new ManagerRemoteCommands(api, FakeTerminal.none(), Map.of(), ps).commands();
        return new CommandLine("pbs-manager", Command.group("remote", "remotes", cmds)).run(args, ps, ps);
    }

    @Test
    void createSendsTheRemote() {
        assertEquals(0, run("create", "offsite", "--host", "pbs.example.com", "--auth-id", "sync@pbs!pull",
                "--password", "secret", "--port", "8007", "--fingerprint", "ab:cd"));
        assertEquals(new Call("POST", "/config/remote", Map.of("host", "pbs.example.com", "auth-id", "sync@pbs!pull",
                "password", "secret", "fingerprint", "ab:cd", "port", 8007L, "name", "offsite")), calls.get(0));
    }

    @Test
    void createWithoutPasswordAndTerminalFails() {
        assertNotEquals(0, run("create", "offsite", "--host", "h", "--auth-id", "a@pbs"));
        assertTrue(calls.isEmpty());
    }

    @Test
    void updateAndDelete() {
        assertEquals(0, run("update", "offsite", "--comment", "x", "--delete", "fingerprint,port"));
        assertEquals(new Call("PUT", "/config/remote/offsite", Map.of("comment", "x", "delete", List.of("fingerprint", "port"))),
                calls.get(0));
        assertEquals(0, run("delete", "offsite"));
        assertEquals(new Call("DELETE", "/config/remote/offsite", Map.of()), calls.get(1));
    }

    @Test
    void listPrintsATable() {
        answer = List.of(Map.of("name", "offsite", "host", "pbs.example.com", "auth-id", "sync@pbs!pull"));
        assertEquals(0, run("list"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("pbs.example.com"), out.toString(StandardCharsets.UTF_8));
        assertEquals("GET", calls.get(0).method());
    }
}
