package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.client.http.ClientDirs;
import org.pbsj.client.http.FakePbsServer;
import org.pbsj.client.http.FingerprintCache;
import org.pbsj.client.http.TestCertificates;

/** pbs-client login, logout and version against the fake HTTPS server. */
class ClientMainTest {
    static TestCertificates.Cert cert;
    static FakePbsServer server;

    @TempDir
    Path home;
    ClientDirs dirs;
    Map<String, String> env;
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
    void setUp() {
        dirs = ClientDirs.fromEnvironment(Map.of(), home);
        env = new HashMap<>();
        env.put("PBS_REPOSITORY", FakePbsServer.USER + "@localhost:" + server.port() + ":store1");
        env.put("PBS_FINGERPRINT", cert.fingerprint());
        server.requests.clear();
    }

    int run(String... args) {
        out.reset();
        err.reset();
        return new ClientMain(env, dirs, FakeTerminal.none(), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loginStoresTicketWhichLaterCommandsUse() throws Exception {
        env.put("PBS_PASSWORD", FakePbsServer.PASSWORD);
        assertEquals(0, run("login"), err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dirs.ticketFile())));
        env.remove("PBS_PASSWORD");
        server.requests.clear();
        assertEquals(0, run("version"), err());
        assertEquals("client version: 3.2.4.1\nserver version: 3.2.4.1\n", out());
        assertEquals(1, server.requests.size(), "the cached ticket is used, no new login");
        assertTrue(server.requests.get(0).header("Cookie").startsWith("PBSAuthCookie=PBS%3Aadmin%40pbs"));

        assertEquals(0, run("logout"));
        assertEquals(1, run("version"));
        assertTrue(err().contains("no password given for admin@pbs"), err());
        assertTrue(out().startsWith("client version: "), "client version is shown anyway");
    }

    @Test
    void wrongPassword() {
        env.put("PBS_PASSWORD", "nope");
        assertEquals(1, run("login"));
        assertEquals("Error: permission check failed.\n", err());
        assertFalse(Files.exists(dirs.ticketFile()));
    }

    @Test
    void apiTokenRepository() {
        env.put("PBS_REPOSITORY", "root@pam!pbs-manager@localhost:" + server.port() + ":store1");
        env.put("PBS_PASSWORD", "token-secret");
        assertEquals(0, run("version", "--output-format", "json"), err());
        assertTrue(out().contains("\"server\":{"), out());
        assertEquals(0, run("login"));
        assertFalse(Files.exists(dirs.ticketFile()), "tokens have no ticket to store");
    }

    @Test
    void unknownCertificateIsRefusedNonInteractively() {
        env.remove("PBS_FINGERPRINT");
        env.put("PBS_PASSWORD", FakePbsServer.PASSWORD);
        assertEquals(1, run("login"));
        assertEquals("Error: Certificate fingerprint was not confirmed.\n", err());
        new FingerprintCache(dirs.fingerprintFile()).store("localhost", cert.fingerprint());
        assertEquals(0, run("login"), err());
    }

    @Test
    void versionWithoutRepositoryIsLocal() {
        env.remove("PBS_REPOSITORY");
        assertEquals(0, run("version"));
        assertEquals("client version: 3.2.4.1\n", out());
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void badRepositoryIsUsageError() {
        assertEquals(2, run("login", "--repository", "a b"));
        assertTrue(err().startsWith("Error: invalid repository 'a b'"), err());
        env.remove("PBS_REPOSITORY");
        assertEquals(2, run("logout"));
    }
}
