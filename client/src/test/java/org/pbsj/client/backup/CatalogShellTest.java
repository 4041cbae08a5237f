package org.pbsj.client.backup;

import org.pbsj.core.client.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog shell} with piped commands, over v1 and split (metadata mode) archives. */
class CatalogShellTest {
    @TempDir
    Path tmp;

    private CliFixture backup(String mode) throws Exception {
        CliFixture cli = new CliFixture(tmp);
        Path src = Files.createDirectories(tmp.resolve("src/etc/conf.d"));
        Files.writeString(src.resolve("../hosts"), "127.0.0.1 localhost\n");
        Files.writeString(src.resolve("a.conf"), "a=1\n");
        Files.writeString(tmp.resolve("src/readme.txt"), "hello");
        Files.createSymbolicLink(tmp.resolve("src/link"), Path.of("etc/hosts"));
        cli.ok("backup", "root.pxar:" + tmp.resolve("src"), "--backup-id", "files", "--backup-time", "1700000000",
                "--change-detection-mode", mode);
        return cli;
    }

    private static String shell(CliFixture cli, String commands) {
        cli.stdin = new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8));
        return cli.ok("catalog", "shell", "host/files/2023-11-14T22:13:20Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "metadata"})
    void browsesAndRestores(String mode) throws Exception {
        CliFixture cli = backup(mode);
        Path sel = tmp.resolve("selected");
        Path all = tmp.resolve("all");
        String out = shell(cli, String.join("\n", "ls", "cd etc", "pwd", "ls conf.d", "stat hosts", "cd ..",
                "find *.conf --select", "select /readme.txt", "list-selected", "deselect readme.txt",
                "list-selected", "restore-selected " + sel, "restore " + all + " --pattern /etc/hosts", "quit",
                "ls"));
        assertTrue(out.contains("etc/\nlink -> etc/hosts\nreadme.txt\n"), out);
        assertTrue(out.contains("\n/etc\n"), out);
        assertTrue(out.contains("a.conf\n"), out);
        assertTrue(out.contains("  File: /etc/hosts\n  Size: 20\tType: regular file\nAccess: (0644/-rw-r--r--)"), out);
        assertTrue(out.contains("/etc/conf.d/a.conf\n/etc/conf.d/a.conf\n/readme.txt\n/etc/conf.d/a.conf\nrestored"), out);
        assertEquals("a=1\n", Files.readString(sel.resolve("etc/conf.d/a.conf")));
        assertFalse(Files.exists(sel.resolve("readme.txt")));
        assertEquals("127.0.0.1 localhost\n", Files.readString(all.resolve("etc/hosts")));
        assertFalse(Files.exists(all.resolve("readme.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata"})
    void errorsAreReportedAndTheShellContinues(String mode) throws Exception {
        CliFixture cli = backup(mode);
        cli.stdin = new ByteArrayInputStream("cd nowhere\nfrobnicate\npwd\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, cli.run("catalog", "shell", "host/files/2023-11-14T22:13:20Z", "root.pxar"));
        assertTrue(cli.err().contains("no such file or directory: /nowhere"), cli.err());
        assertTrue(cli.err().contains("unknown command 'frobnicate'"), cli.err());
        assertEquals("/\n", cli.out());
    }
}
