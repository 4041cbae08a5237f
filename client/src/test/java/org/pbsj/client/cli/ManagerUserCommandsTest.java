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

/** The user subcommands of pbs-manager: which API calls they make and what they print. */
class ManagerUserCommandsTest {
    record Call(String method, String path, Map<String, ?> params) {
    }

    final List<Call> calls = new ArrayList<>();
    Object answer;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Terminal terminal, String... args) {
        out.reset();
        err.reset();
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
        List<Command> cmds = new ManagerUserCommands(api, terminal, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8))
                .commands();
        return new CommandLine("pbs-manager", Command.group("user", "users", cmds.toArray(new Command[0])))
                .run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    int run(String... args) {
        return run(FakeTerminal.none(), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void updateSendsOnlyWhatWasGiven() {
        assertEquals(0, run("update", "john@pbs", "--comment", "hi", "--enable", "0", "--delete", "email,firstname"));
        assertEquals(new Call("PUT", "/access/users/john%40pbs",
                Map.of("comment", "hi", "enable", false, "delete", List.of("email", "firstname"))), calls.get(0));
    }

    @Test
    void deleteAndTokens() {
        assertEquals(0, run("delete", "john@pbs"));
        assertEquals(0, run("delete-token", "john@pbs", "backup"));
        assertEquals(List.of(new Call("DELETE", "/access/users/john%40pbs", Map.of()),
                new Call("DELETE", "/access/users/john%40pbs/token/backup", Map.of())), calls);
    }

    @Test
    void generateTokenShowsTheSecretOnce() {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("tokenid", "john@pbs!backup");
        secret.put("value", "0b2ec9a4-0000-4000-8000-000000000000");
        answer = secret;
        assertEquals(0, run("generate-token", "john@pbs", "backup", "--comment", "for PVE", "--expire", "0"));
        assertEquals(new Call("POST", "/access/users/john%40pbs/token/backup", Map.of("comment", "for PVE", "expire", 0L)),
                calls.get(0));
        assertTrue(out().contains("\"value\": \"0b2ec9a4-0000-4000-8000-000000000000\""), out());
        assertEquals(0, run("generate-token", "john@pbs", "t2", "--output-format", "json"));
        assertTrue(out().startsWith("{\"tokenid\":"), out());
    }

    @Test
    void listTokensAsTable() {
        answer = List.of(Map.of("tokenid", "john@pbs!backup", "enable", true, "expire", 0, "comment", "x"));
        assertEquals(0, run("list-tokens", "john@pbs"));
        assertEquals("GET", calls.get(0).method());
        assertEquals("/access/users/john%40pbs/token", calls.get(0).path());
        assertTrue(out().contains("john@pbs!backup") && out().contains("never"), out());
    }

    @Test
    void passwdAsksTwiceOnTheTerminalOrTakesTheOption() {
        assertEquals(0, run(FakeTerminal.answering("new-secret", "new-secret"), "passwd", "john@pbs"));
        assertEquals(new Call("PUT", "/access/users/john%40pbs", Map.of("password", "new-secret")), calls.get(0));
        assertNotEquals(0, run(FakeTerminal.answering("new-secret", "other"), "passwd", "john@pbs"));
        assertNotEquals(0, run(FakeTerminal.none(), "passwd", "john@pbs"), "no terminal, no --password");
        assertEquals(0, run("passwd", "john@pbs", "--password", "given-pw"));
        assertEquals(2, calls.size());
    }

    @Test
    void permissionsAsPbsText() {
        answer = Map.of("/datastore/store1", Map.of("Datastore.Read", true, "Datastore.Audit", false));
        assertEquals(0, run("permissions", "john@pbs", "--path", "/datastore/store1"));
        assertEquals(new Call("GET", "/access/permissions", Map.of("auth-id", "john@pbs", "path", "/datastore/store1")),
                calls.get(0));
        assertEquals("Privileges with (*) have the propagate flag set\n\nPath: /datastore/store1\n"
                + "- Datastore.Audit\n- Datastore.Read (*)\n", out());
    }
}
