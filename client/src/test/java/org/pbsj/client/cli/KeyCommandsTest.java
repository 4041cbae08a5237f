package org.pbsj.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pbsj.client.http.ClientDirs;
import org.pbsj.core.blob.MasterKeyBlob;
import org.pbsj.core.crypto.DecryptedKey;
import org.pbsj.core.crypto.KeyConfig;
import org.pbsj.core.crypto.KeyConfigCodec;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.MasterKey;
import org.pbsj.core.crypto.RandomSource;
import org.pbsj.core.json.Json;

class KeyCommandsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    static KeyPair master;

    @TempDir
    Path dir;
    Map<String, String> env = new HashMap<>();
    FakeTerminal terminal = FakeTerminal.none();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ClientDirs dirs;

    @BeforeAll
    static void masterKey() {
        master = MasterKey.generate(3072); // PBS uses 4096; 3072 is the smallest that fits a key config
    }

    @BeforeEach
    void setUp() {
        dirs = ClientDirs.fromEnvironment(Map.of(), dir.resolve("home"));
    }

    int run(String... args) {
        out.reset();
        err.reset();
        KeyCommands keys = new KeyCommands(env, dirs, terminal, CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        keys.workDir = dir;
        keys.masterKeyBits = 2048;
        keys.qrEncoder = (type, data) -> Optional.of(("[QR " + type + "]").getBytes(StandardCharsets.UTF_8));
        return new CommandLine("pbs-client", Command.group("pbs-client", "Test.", keys.commands()))
                .run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static KeyConfig read(Path p) throws Exception {
        return KeyConfigCodec.parse(Files.readString(p), p.toString());
    }

    @Test
    void createWithoutPasswordAndShow() throws Exception {
        assertEquals(0, run("key", "create", "k.json", "--kdf", "none"), err());
        Path k = dir.resolve("k.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(k)));
        KeyConfig c = read(k);
        assertNull(c.kdf());
        assertEquals("2024-01-01T00:00:00+00:00", KeyConfigCodec.formatTime(c.created()));
        assertEquals(0, run("key", "show", "k.json", "--output-format", "json"));
        Map<String, Object> info = Json.parseObject(out().strip(), "show");
        assertEquals("none", info.get("kdf"));
        assertEquals(c.fingerprint().toString(), info.get("fingerprint"));
        assertEquals(1704067200L, info.get("created"));
        assertEquals(0, run("key", "show", "k.json"));
        assertTrue(out().contains("│ kdf         │ none "), out());
    }

    @Test
    void createDefaultKeyWithScryptFromTerminalAndNeverOverwrite() throws Exception {
        terminal = FakeTerminal.answering("password1", "password1");
        assertEquals(0, run("key", "create", "--hint", "the usual"), err());
        assertTrue(err().contains("creating default key at: " + dirs.defaultEncryptionKey()), err());
        assertEquals(List.of("Encryption Key Password: ", "Verify Password: "), terminal.prompts);
        KeyConfig c = read(dirs.defaultEncryptionKey());
        assertEquals("the usual", c.hint());
        KeyWrapper.unwrap(c, "password1".getBytes(StandardCharsets.UTF_8));

        terminal = FakeTerminal.answering("password1", "password1");
        assertEquals(1, run("key", "create"));
        assertTrue(err().contains("file exists"), err());
    }

    @Test
    void passphraseRules() {
        assertEquals(1, run("key", "create", "a.json"));
        assertTrue(err().contains("unable to read passphrase - no tty"), err());
        terminal = FakeTerminal.answering("password1", "password2");
        assertEquals(1, run("key", "create", "a.json"));
        assertTrue(err().contains("Passwords do not match!"), err());
        terminal = FakeTerminal.answering("abc");
        assertEquals(1, run("key", "create", "a.json"));
        assertTrue(err().contains("Password is too short!"), err());
        assertEquals(2, run("key", "create", "a.json", "--kdf", "none", "--hint", "x"));
        assertEquals(2, run("key", "create", "a.json", "--kdf", "argon2"));
    }

    @Test
    void changePassphraseKeepsKeyAndCreated() throws Exception {
        terminal = FakeTerminal.answering("password1", "password1");
        assertEquals(0, run("key", "create", "k.json"));
        KeyConfig before = read(dir.resolve("k.json"));
        env.put("PBS_ENCRYPTION_PASSWORD", "password1");
        terminal = FakeTerminal.answering("newpass42", "newpass42");
        assertEquals(0, run("key", "change-passphrase", "k.json", "--kdf", "pbkdf2"), err());
        KeyConfig after = read(dir.resolve("k.json"));
        DecryptedKey k = KeyWrapper.unwrap(after, "newpass42".getBytes(StandardCharsets.UTF_8));
        assertEquals(before.fingerprint(), k.fingerprint());
        assertEquals(before.created(), after.created());
        env.put("PBS_ENCRYPTION_PASSWORD", "wrong-one");
        assertEquals(1, run("key", "change-passphrase", "k.json", "--kdf", "none"));
        assertTrue(err().contains("wrong password"), err());
    }

    @Test
    void importWithMasterKeyFromBlobOrRawBytes() throws Exception {
        KeyWrapper w = new KeyWrapper(CLOCK, RandomSource.secure());
        byte[] key = RandomSource.secure().bytes(32);
        OffsetDateTime created = OffsetDateTime.parse("2023-05-05T10:00:00+00:00");
        KeyConfig plain = w.withoutPassword(key, created);
        Files.write(dir.resolve("rsa-encrypted.key.blob"), MasterKeyBlob.create(master.getPublic(), plain).raw());
        Files.write(dir.resolve("raw.key"), MasterKey.encryptKeyConfig(master.getPublic(), plain));
        Files.writeString(dir.resolve("master-private.pem"),
                MasterKey.encryptedPrivateKeyPem(master.getPrivate(), "masterpw".toCharArray()));

        terminal = FakeTerminal.answering("masterpw");
        assertEquals(0, run("key", "import-with-master-key", "imported.json", "--master-keyfile", "master-private.pem",
                "--encrypted-keyfile", "rsa-encrypted.key.blob", "--kdf", "none"), err());
        KeyConfig imported = read(dir.resolve("imported.json"));
        assertEquals(plain.fingerprint(), imported.fingerprint());
        assertEquals(created.toEpochSecond(), imported.created().toEpochSecond());

        terminal = FakeTerminal.answering("masterpw", "newpass1", "newpass1");
        assertEquals(0, run("key", "import-with-master-key", "imported2.json", "--master-keyfile", "master-private.pem",
                "--encrypted-keyfile", "raw.key"), err());
        assertEquals(plain.fingerprint(), KeyWrapper.unwrap(read(dir.resolve("imported2.json")),
                "newpass1".getBytes(StandardCharsets.UTF_8)).fingerprint());

        assertEquals(2, run("key", "import-with-master-key", "x.json", "--master-keyfile", "master-private.pem"));
    }

    @Test
    void createMasterKeyThenPaperkey() throws Exception {
        terminal = FakeTerminal.answering("masterpw", "masterpw");
        assertEquals(0, run("key", "create-master-key"), err());
        assertTrue(out().contains("Writing private master key to master-private.pem"), out());
        Path priv = dir.resolve("master-private.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        MasterKey.parsePrivateKeyPem(Files.readString(priv), "masterpw".toCharArray());
        MasterKey.parsePublicKeyPem(Files.readString(dir.resolve("master-public.pem")));

        assertEquals(0, run("key", "paperkey", "master-private.pem", "--output-format", "text", "--subject", "S1"));
        assertTrue(out().startsWith("Subject: S1\n"), out());
        assertTrue(out().contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") && out().contains("[QR utf8i]"), out());

        assertEquals(0, run("key", "create", "k.json", "--kdf", "none"));
        assertEquals(0, run("key", "paperkey", "k.json"));
        assertTrue(out().startsWith("<!DOCTYPE html>") && out().contains("-----BEGIN PROXMOX BACKUP KEY-----"), out());
    }

    @Test
    void defaultKeyMissing() {
        assertEquals(1, run("key", "show"));
        assertEquals("Error: no encryption file provided and no default file found\n", err());
    }
}
