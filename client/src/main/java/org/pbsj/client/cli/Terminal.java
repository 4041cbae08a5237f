package org.pbsj.client.cli;

import java.io.Console;
import java.util.Arrays;

import org.pbsj.core.client.ClientException;

/**
 * The controlling terminal, for passwords; an interface so tests can answer prompts. PBS reads
 * new passphrases only from a terminal (never from the environment), and so do we.
 */
public interface Terminal {
    int MIN_PASSWORD_LENGTH = 5;

    boolean isInteractive();

    /** Reads a line without echo; null at end of input. */
    char[] readPassword(String prompt);

    /** {@link System#console()}; not interactive when stdin or stdout is redirected. */
    static Terminal system() {
        Console console = System.console();
        return new Terminal() {
            @Override
            public boolean isInteractive() {
                return console != null;
            }

            @Override
            public char[] readPassword(String prompt) {
                if (console == null) {
                    throw new ClientException("no tty to read the password from");
                }
                return console.readPassword("%s", prompt);
            }
        };
    }

    /** One password; fails with {@code noTtyMessage} when there is no terminal. */
    default String password(String prompt, String noTtyMessage) {
        if (!isInteractive()) {
            throw new ClientException(noTtyMessage);
        }
        char[] pw = readPassword(prompt);
        if (pw == null) {
            throw new ClientException("no password entered");
        }
        return new String(pw);
    }

    /** A new password, entered twice ({@code tty::read_and_verify_password}). */
    default String newPassword(String prompt, String noTtyMessage) {
        String first = password(prompt, noTtyMessage);
        if (first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_PASSWORD_LENGTH) {
            throw new ClientException("Password is too short!");
        }
        char[] second = readPassword("Verify Password: ");
        if (second == null || !Arrays.equals(first.toCharArray(), second)) {
            throw new ClientException("Passwords do not match!");
        }
        return first;
    }
}
