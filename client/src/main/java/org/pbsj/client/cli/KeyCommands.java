package org.pbsj.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pbsj.client.http.ClientDirs;
import org.pbsj.core.client.ClientException;
import org.pbsj.client.http.PrivateFiles;
import org.pbsj.client.http.SecretSource;
import org.pbsj.core.blob.BlobMagic;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.blob.MasterKeyBlob;
import org.pbsj.core.crypto.DecryptedKey;
import org.pbsj.core.crypto.Kdf;
import org.pbsj.core.crypto.KeyConfig;
import org.pbsj.core.crypto.KeyConfigCodec;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.MasterKey;
import org.pbsj.core.crypto.PaperKey;
import org.pbsj.core.crypto.RandomSource;

/**
 * {@code pbs-client key ...}: encryption key files and the RSA master key ({@code crypto.md} §2,
 * §6, §7), with PBS's prompts and rules: new passphrases only from a terminal, the passphrase of
 * an existing key also from {@code PBS_ENCRYPTION_PASSWORD*}, key files created with mode 0600
 * and never overwritten except by change-passphrase.
 */
final class KeyCommands {
    private static final String[] KDF_NAMES = {"scrypt", "pbkdf2", "none"};

    private final Map<String, String> env;
    private final ClientDirs dirs;
    private final Terminal terminal;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final KeyWrapper wrapper;
    Path workDir = Path.of(System.getProperty("user.dir"));
    int masterKeyBits = MasterKey.RSA_BITS;
    PaperKey.QrEncoder qrEncoder = PaperKey.QrEncoder.qrencode();

    KeyCommands(Map<String, String> env, ClientDirs dirs, Terminal terminal, Clock clock, PrintStream out,
            PrintStream err) {
        this.env = env;
        this.dirs = dirs;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.wrapper = new KeyWrapper(clock, RandomSource.secure());
    }

    Command commands() {
        return Command.group("key", "Encryption keys.",
                Command.leaf("create", "Create a new encryption key (default: " + dirs.defaultEncryptionKey() + ").")
                        .optionalArg("path", "Key file to create.")
                        .option("kdf", "kdf", "Key derivation function for the passphrase (default scrypt).", KDF_NAMES)
                        .option("hint", "text", "Password hint.")
                        .action(this::create),
                Command.leaf("change-passphrase", "Change the passphrase of an encryption key.")
                        .optionalArg("path", "Key file (default: the default key).")
                        .option("kdf", "kdf", "Key derivation function for the new passphrase (default scrypt).", KDF_NAMES)
                        .option("hint", "text", "Password hint.")
                        .action(this::changePassphrase),
                ManagerMain.withOutput(Command.leaf("show", "Show the properties of an encryption key."))
                        .optionalArg("path", "Key file (default: the default key).")
                        .action(this::show),
                Command.leaf("create-master-key", "Create an RSA master key pair (master-public.pem, "
                        + "master-private.pem in the current directory).")
                        .action(this::createMasterKey),
                Command.leaf("import-with-master-key", "Import an encryption key from its RSA-encrypted copy "
                        + "(rsa-encrypted.key.blob of a backup) with the master private key.")
                        .optionalArg("path", "Key file to create (default: the default key).")
                        .option("master-keyfile", "file", "Master private key (PEM).")
                        .option("encrypted-keyfile", "file", "RSA-encrypted key: the blob or its decoded content.")
                        .option("kdf", "kdf", "Key derivation function for the new passphrase (default scrypt).", KDF_NAMES)
                        .action(this::importWithMasterKey),
                Command.leaf("paperkey", "Print an encryption key or master private key for paper backup.")
                        .optionalArg("path", "Key file or PEM private key (default: the default key).")
                        .option("subject", "text", "Subject line printed on top.")
                        .option("output-format", "format", "Paper format (default html).", "html", "text")
                        .action(this::paperkey));
    }

    // ------------------------------------------------------------------ commands

    private int create(ParsedArgs a) {
        Path path = newKeyPath(a);
        Kdf.Type kdf = kdf(a);
        String hint = a.option("hint");
        byte[] key = RandomSource.secure().bytes(32);
        KeyConfig config;
        if (kdf == null) {
            requireNoHint(hint);
            config = wrapper.withoutPassword(key, OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
        } else {
            String pw = terminal.newPassword("Encryption Key Password: ", "unable to read passphrase - no tty");
            config = wrapper.wrap(key, utf8(pw), kdf, hint);
        }
        store(path, config, false);
        return 0;
    }

    private int changePassphrase(ParsedArgs a) {
        Path path = existingKeyPath(a);
        Kdf.Type kdf = kdf(a);
        String hint = a.option("hint");
        if (kdf == null) {
            requireNoHint(hint);
        }
        DecryptedKey key = open(load(path));
        KeyConfig config = kdf == null
                ? wrapper.withoutPassword(key.key(), key.created())
                : wrapper.wrap(key.key(), utf8(terminal.newPassword("New Password: ", "unable to change passphrase - no tty")),
                        Kdf.create(kdf, RandomSource.secure()), hint, key.created());
        store(path, config, true);
        return 0;
    }

    private int show(ParsedArgs a) {
        Path path = existingKeyPath(a);
        KeyConfig c = load(path);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", path.toString());
        info.put("kdf", c.kdf() == null ? "none" : c.kdf() instanceof Kdf.Scrypt ? "scrypt" : "pbkdf2");
        info.put("created", c.created().toEpochSecond());
        info.put("modified", c.modified().toEpochSecond());
        info.put("fingerprint", c.fingerprint() == null ? null : c.fingerprint().toString());
        info.put("hint", c.hint());
        out.print(OutputFormat.of(a, env).format(info, List.of(Column.of("path"), Column.of("kdf"),
                Column.of("created").rendered(Column::epoch), Column.of("modified").rendered(Column::epoch),
                Column.of("fingerprint"), Column.of("hint")), OutputFormat.table(env)));
        return 0;
    }

    private int createMasterKey(ParsedArgs a) throws IOException {
        String pw = terminal.newPassword("Master Key Password: ", "unable to create master key - no tty");
        out.println("Generating " + masterKeyBits + "-bit RSA key..");
        KeyPair pair = MasterKey.generate(masterKeyBits);
        Path pub = workDir.resolve("master-public.pem");
        out.println("Writing public master key to " + pub.getFileName());
        Files.writeString(pub, MasterKey.publicKeyPem(pair.getPublic()), StandardCharsets.UTF_8);
        Path priv = workDir.resolve("master-private.pem");
        out.println("Writing private master key to " + priv.getFileName());
        PrivateFiles.replace(priv, MasterKey.encryptedPrivateKeyPem(pair.getPrivate(), pw.toCharArray()));
        return 0;
    }

    private int importWithMasterKey(ParsedArgs a) {
        Path encryptedFile = workDir.resolve(required(a, "encrypted-keyfile"));
        Path masterFile = workDir.resolve(required(a, "master-keyfile"));
        Path path = newKeyPath(a);
        Kdf.Type kdf = kdf(a);
        byte[] encrypted = readBytes(encryptedFile);
        String pem = new String(readBytes(masterFile), StandardCharsets.UTF_8);
        String pw = terminal.password("Master Key Password: ", "unable to read the master key password - no tty");
        PrivateKey master = MasterKey.parsePrivateKeyPem(pem, pw.toCharArray());
        DecryptedKey key;
        if (encrypted.length >= BlobMagic.SIZE && BlobMagic.read(encrypted, 0) == BlobMagic.UNCOMPRESSED_BLOB_1_0) {
            key = MasterKeyBlob.recover(DataBlobCodec.load(encrypted, encryptedFile.toString()), master);
        } else {
            KeyConfig plain = MasterKey.decryptKeyConfig(master, encrypted, encryptedFile.toString());
            if (plain.kdf() != null) {
                throw new ClientException(encryptedFile + ": the RSA-encrypted key config has a password");
            }
            key = KeyWrapper.unwrap(plain, null);
        }
        KeyConfig config = kdf == null
                ? wrapper.withoutPassword(key.key(), key.created())
                : wrapper.wrap(key.key(), utf8(terminal.newPassword("New Password: ", "unable to read passphrase - no tty")),
                        Kdf.create(kdf, RandomSource.secure()), null, key.created());
        store(path, config, false);
        return 0;
    }

    private int paperkey(ParsedArgs a) {
        Path path = existingKeyPath(a);
        String data = new String(readBytes(path), StandardCharsets.UTF_8);
        PaperKey.Format format = "text".equals(a.option("output-format")) ? PaperKey.Format.TEXT : PaperKey.Format.HTML;
        out.print(new PaperKey(qrEncoder).generate(data, a.option("subject"), format));
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    private static Kdf.Type kdf(ParsedArgs a) {
        switch (a.option("kdf", "scrypt")) {
            case "none":
                return null;
            case "pbkdf2":
                return Kdf.Type.PBKDF2;
            default:
                return Kdf.Type.SCRYPT;
        }
    }

    private static void requireNoHint(String hint) {
        if (hint != null) {
            throw new UsageException("a password hint is not allowed with --kdf none");
        }
    }

    private static String required(ParsedArgs a, String option) {
        String v = a.option(option);
        if (v == null) {
            throw new UsageException("missing option --" + option);
        }
        return v;
    }

    /** The path argument, else the default key file, which PBS then announces. */
    private Path newKeyPath(ParsedArgs a) {
        if (a.arg("path") != null) {
            return workDir.resolve(a.arg("path"));
        }
        Path p = dirs.defaultEncryptionKey();
        err.println("creating default key at: " + p);
        return p;
    }

    private Path existingKeyPath(ParsedArgs a) {
        if (a.arg("path") != null) {
            return workDir.resolve(a.arg("path"));
        }
        Path p = dirs.defaultEncryptionKey();
        if (!Files.exists(p)) {
            throw new ClientException("no encryption file provided and no default file found");
        }
        return p;
    }

    private static KeyConfig load(Path path) {
        return KeyConfigCodec.parse(new String(readBytes(path), StandardCharsets.UTF_8), path.toString());
    }

    /** The passphrase of an existing key: environment first, then the terminal (PBS's order). */
    private DecryptedKey open(KeyConfig config) {
        if (!config.isPasswordProtected()) {
            return KeyWrapper.unwrap(config, null);
        }
        Optional<String> pw = new SecretSource(env).get(SecretSource.PBS_ENCRYPTION_PASSWORD);
        String pass = pw.orElseGet(() -> terminal.password("Encryption Key Password: ",
                "no passphrase for the key (set PBS_ENCRYPTION_PASSWORD or run on a terminal)"));
        return KeyWrapper.unwrap(config, utf8(pass));
    }

    private static void store(Path path, KeyConfig config, boolean replace) {
        try {
            if (replace) {
                PrivateFiles.replace(path, KeyConfigCodec.toJson(config));
            } else {
                PrivateFiles.createNew(path, KeyConfigCodec.toJson(config));
            }
        } catch (FileAlreadyExistsException e) {
            throw new ClientException("unable to create file '" + path + "' - file exists");
        } catch (IOException e) {
            throw new ClientException("unable to write '" + path + "' - " + e.getMessage(), e);
        }
    }

    private static byte[] readBytes(Path path) {
        try {
            return Files.readAllBytes(path); // key files are tiny
        } catch (NoSuchFileException e) {
            throw new ClientException("unable to read '" + path + "' - no such file");
        } catch (IOException e) {
            throw new ClientException("unable to read '" + path + "' - " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
