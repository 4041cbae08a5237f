package org.pbsj.client.http;

import org.pbsj.core.client.ClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Passwords and passphrases from the environment, in PBS's order
 * ({@code pbs-client/src/tools/mod.rs get_secret_from_env}): {@code <BASE>} itself, then
 * {@code <BASE>_FD} (an open file descriptor), {@code <BASE>_FILE}, {@code <BASE>_CMD} (run by
 * {@code sh -c}); each gives its first line. Bases are {@code PBS_PASSWORD} (login password or
 * API token secret) and {@code PBS_ENCRYPTION_PASSWORD} (key file passphrase).
 */
public final class SecretSource {
    public static final String PBS_PASSWORD = "PBS_PASSWORD";
    public static final String PBS_ENCRYPTION_PASSWORD = "PBS_ENCRYPTION_PASSWORD";

    private final Map<String, String> env;

    public SecretSource(Map<String, String> env) {
        this.env = env;
    }

    public static SecretSource fromEnvironment() {
        return new SecretSource(System.getenv());
    }

    /** The secret of {@code base} if one of its variables is set. */
    public Optional<String> get(String base) {
        String direct = env.get(base);
        if (direct != null) {
            return Optional.of(firstLine(direct));
        }
        String fd = env.get(base + "_FD");
        if (fd != null) {
            int n;
            try {
                n = Integer.parseInt(fd.strip());
            } catch (NumberFormatException e) {
                throw new ClientException("failed to parse " + base + "_FD: '" + fd + "' is not a file descriptor");
            }
            return Optional.of(readFirstLine(Path.of("/dev/fd/" + n), base + "_FD"));
        }
        String file = env.get(base + "_FILE");
        if (file != null) {
            return Optional.of(readFirstLine(Path.of(file), base + "_FILE"));
        }
        String cmd = env.get(base + "_CMD");
        if (cmd != null) {
            return Optional.of(runCommand(cmd, base + "_CMD"));
        }
        return Optional.empty();
    }

    private static String readFirstLine(Path path, String var) {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new ClientException("failed to read " + var + " (" + path + "): " + e.getMessage(), e);
        }
    }

    private static String runCommand(String cmd, String var) {
        try {
            Process p = new ProcessBuilder("sh", "-c", cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.readLine();
                r.transferTo(java.io.Writer.nullWriter()); // drain so the command can finish
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ClientException(var + " did not finish within 60 seconds");
            }
            if (p.exitValue() != 0) {
                throw new ClientException(var + " failed with exit code " + p.exitValue());
            }
            return out == null ? "" : out;
        } catch (IOException e) {
            throw new ClientException("failed to run " + var + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while running " + var, e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
