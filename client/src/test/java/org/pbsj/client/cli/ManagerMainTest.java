package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.client.http.FakePbsServer;
import org.pbsj.client.http.TestCertificates;

/** pbs-manager end to end against the fake HTTPS server, authenticated by the token file. */
class ManagerMainTest {
    static TestCertificates.Cert cert;
    static FakePbsServer server;

    @TempDir
    Path home;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        cert = TestCertificates.selfSigned("localhost");
        server = new FakePbsServer(cert);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void token() throws Exception {
        Path dir = Files.createDirectories(home.resolve("data/pbsj-etc"));
        Files.writeString(dir.resolve("manager.token"), FakePbsServer.TOKEN + "\n");
    }

    int run(String... args) {
        return run(Map.of("PBSJ_HOME", home.toString(), "PBSJ_PORT", String.valueOf(server.port())), args);
    }

    int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return new ManagerMain(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void datastoreListAsTableAndJson() {
        assertEquals(0, run("datastore", "list"), err());
        assertTrue(out().contains("│ name   │ path        │ comment     │"), out());
        assertTrue(out().contains("│ store1 │ /srv/store1 │ first store │"), out());
        assertEquals(0, run("datastore", "list", "--output-format", "json"));
        assertTrue(out().startsWith("[{\"name\":\"store1\""), out());
    }

    @Test
    void datastoreShowAndCreate() {
        assertEquals(0, run("datastore", "show", "store1"));
        assertTrue(out().contains("│ path    │ /srv/store1 │"), out());
        assertEquals(0, run("datastore", "create", "store7", "/srv/7", "--comment", "seven"), err());
        assertEquals(1, run("datastore", "create", "store7", "/srv/7"));
        assertEquals("Error: datastore 'store7' already exists.\n", err());
    }

    @Test
    void aclUpdateThenList() {
        assertEquals(0, run("acl", "update", "/datastore/store1", "DatastoreBackup", "--auth-id", "alice@pbs"), err());
        assertEquals(2, run("acl", "update", "/datastore/store1", "DatastoreBackup"), "auth-id is required");
        assertEquals(0, run("acl", "list", "--output-format", "json"), err());
        assertTrue(out().contains("\"ugid\":\"alice@pbs\""), out());
        assertTrue(out().contains("\"roleid\":\"DatastoreBackup\""), out());
    }

    @Test
    void versions() {
        assertEquals(0, run("versions"));
        assertEquals("proxmox-backup-server 3.2.4-1 running version: 3.2.4 (pbsj-test)\n", out());
    }

    @Test
    void certInfoNeedsNoToken() throws Exception {
        assertEquals(0, run(Map.of("PBSJ_HOME", home.resolve("nothing").toString()),
                "cert", "info", "--port", String.valueOf(server.port())), err());
        assertTrue(out().contains("Fingerprint (sha256): " + cert.fingerprint() + "\n"), out());
        assertTrue(out().contains("Subject: CN=localhost\n    DNS:localhost\n"), out());
        assertEquals(0, run("cert", "info", "--output-format", "json"));
        assertTrue(out().contains("\"fingerprint\":\"" + cert.fingerprint() + "\""), out());
    }

    @Test
    void missingOrWrongToken() throws Exception {
        assertEquals(1, run(Map.of("PBSJ_HOME", home.resolve("nothing").toString(),
                "PBSJ_PORT", String.valueOf(server.port())), "datastore", "list"));
        assertTrue(err().contains("cannot read the manager token"), err());
        Files.writeString(home.resolve("data/pbsj-etc/manager.token"), "root@pam!pbs-manager:stale\n");
        assertEquals(1, run("user", "list"));
        assertTrue(err().contains("the server rejected the manager token"), err());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("datastore", "create", "onlyname"));
        assertEquals(2, run("cert", "info", "--port", "http"));
        assertEquals(2, run("user", "create", "x@pbs", "--enable", "perhaps"));
    }
}
