package org.pbsj.client.http;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides about a server certificate that neither PKI nor a known fingerprint vouches for
 * ({@code backup-protocol.md} §1.1 step 3).
 */
@FunctionalInterface
public interface FingerprintPrompt {
    /**
     * @param server      the host as named in the repository
     * @param fingerprint the presented leaf certificate's fingerprint
     * @param expected    the fingerprint we expected (a mismatch), or null if none was known
     * @return whether to trust it
     */
    boolean confirm(String server, String fingerprint, String expected);

    /**
     * Asks on the terminal like {@code proxmox-backup-client}; null if there is no terminal, which
     * makes the trust manager fail with "Certificate fingerprint was not confirmed.".
     */
    static FingerprintPrompt console() {
        Console console = System.console();
        return console == null ? null : (server, fingerprint, expected) -> ask(console, System.err, fingerprint, expected);
    }

    private static boolean ask(Console console, PrintStream err, String fingerprint, String expected) {
        if (expected != null) {
            err.println("WARNING: certificate fingerprint does not match expected fingerprint!");
            err.println("expected:    " + expected);
        }
        err.println("fingerprint: " + fingerprint);
        while (true) {
            String line = console.readLine("Are you sure you want to continue connecting? (y/n): ");
            if (line == null) {
                return false;
            }
            switch (line.strip().toLowerCase(Locale.ROOT)) {
                case "y":
                    return true;
                case "n":
                    return false;
                default:
                    err.println("Please answer y or n");
            }
        }
    }

    /**
     * Trust on first use, for a connection to a server on this host (pbs-manager): the first
     * certificate is accepted and then pinned by the trust manager, so a different certificate
     * later in the same process is rejected.
     */
    static FingerprintPrompt acceptFirst() {
        AtomicBoolean used = new AtomicBoolean();
        return (server, fingerprint, expected) -> expected == null && used.compareAndSet(false, true);
    }
}
