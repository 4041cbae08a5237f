package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pbsj.core.client.ClientException;

class CommandLineTest {
    final List<ParsedArgs> ran = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CommandLine cli() {
        Command create = Command.leaf("create", "Create a thing.")
                .arg("name", "Name.")
                .optionalArg("path", "Path.")
                .option("comment", "text", "Comment.")
                .option("mode", "mode", "Mode.", "fast", "slow")
                .option("count", "n", "Count.")
                .flag("force", "Force.")
                .action(a -> {
                    ran.add(a);
                    return 0;
                });
        Command fail = Command.leaf("fail", "Fails.").action(a -> {
            throw new ClientException("it broke");
        });
        Command badCount = Command.leaf("count", "Uses an integer.").option("n", "n", "N.").action(a -> {
            a.longOption("n");
            return 0;
        });
        return new CommandLine("prog", Command.group("prog", "A program.",
                Command.group("thing", "Things.", create, fail), badCount));
    }

    int run(String... args) {
        return cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void optionsAndArgumentsInAnyOrder() {
        assertEquals(0, run("thing", "create", "--comment", "hello world", "n1", "--mode=fast", "--force", "/p"));
        ParsedArgs a = ran.get(0);
        assertEquals(List.of("thing", "create"), a.path());
        assertEquals("n1", a.arg("name"));
        assertEquals("/p", a.arg("path"));
        assertEquals("hello world", a.option("comment"));
        assertEquals("fast", a.option("mode"));
        assertTrue(a.flag("force"));
        assertNull(a.option("count"));
    }

    @Test
    void optionalArgumentMayBeMissingAndDoubleDashEndsOptions() {
        assertEquals(0, run("thing", "create", "--", "--weird-name"));
        assertEquals("--weird-name", ran.get(0).arg("name"));
        assertNull(ran.get(0).arg("path"));
        assertFalse(ran.get(0).flag("force"));
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run());
        assertTrue(err().contains("Error: missing command"), err());
        assertEquals(2, run("thing", "nope"));
        assertTrue(err().contains("unknown command 'thing nope'"), err());
        assertEquals(2, run("thing", "create"));
        assertTrue(err().contains("missing argument <name>"));
        assertEquals(2, run("thing", "create", "a", "b", "c"));
        assertTrue(err().contains("unexpected argument 'c'"));
        assertEquals(2, run("thing", "create", "a", "--bogus"));
        assertTrue(err().contains("unknown option '--bogus'"));
        assertEquals(2, run("thing", "create", "a", "--mode", "medium"));
        assertTrue(err().contains("invalid value 'medium' (expected fast|slow)"));
        assertEquals(2, run("thing", "create", "a", "--comment"));
        assertTrue(err().contains("needs a value <text>"));
        assertEquals(2, run("thing", "create", "a", "--force=yes"));
        assertEquals(2, run("thing", "create", "a", "--comment", "x", "--comment", "y"));
        assertEquals(2, run("thing", "create", "a", "-x"));
        assertEquals(2, run("count", "--n", "abc"));
        assertTrue(err().contains("option --n: 'abc' is not an integer"), err());
        assertTrue(err().contains("Usage: prog count [OPTIONS]"), err());
        assertTrue(ran.isEmpty());
    }

    @Test
    void errorsExitWith1AndOneLine() {
        assertEquals(1, run("thing", "fail"));
        assertEquals("Error: it broke\n", err());
    }

    @Test
    void helpPerCommandAndForGroups() {
        assertEquals(0, run("thing", "create", "--help"));
        String help = out();
        assertTrue(help.startsWith("Usage: prog thing create <name> [<path>] [OPTIONS]\n\nCreate a thing.\n"), help);
        assertTrue(help.contains("  --mode <mode>     Mode. [fast|slow]"), help);
        assertTrue(help.contains("  <path>  Path. (optional)"), help);
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out().contains("  thing create <name> [<path>] [OPTIONS]  Create a thing."), out());
        assertTrue(out().contains("  count [OPTIONS]"), out());
        out.reset();
        assertEquals(0, run("help", "thing"));
        assertTrue(out().startsWith("Usage: prog thing <command> [ARGS] [OPTIONS]"), out());
        assertTrue(ran.isEmpty());
    }

    @Test
    void booleansLikePbs() {
        CommandLine cl = new CommandLine("p", Command.group("p", "P.",
                Command.leaf("x", "X.").option("enable", "bool", "E.").action(a -> 0)));
        for (String t : List.of("1", "on", "YES", "true")) {
            assertTrue(cl.parse(new String[] {"x", "--enable", t}).args().boolOption("enable"));
        }
        assertFalse(cl.parse(new String[] {"x", "--enable=off"}).args().boolOption("enable"));
        assertThrows(UsageException.class, () -> cl.parse(new String[] {"x", "--enable=maybe"}).args().boolOption("enable"));
    }

    @Test
    void builderRejectsBadSpecs() {
        assertThrows(IllegalArgumentException.class, () -> Command.leaf("a", "A.").flag("x", "").flag("x", ""));
        assertThrows(IllegalArgumentException.class, () -> Command.leaf("a", "A.").optionalArg("p", "").arg("q", ""));
        assertThrows(IllegalArgumentException.class, () -> Command.leaf("a", "A.").flag("help", ""));
    }
}
