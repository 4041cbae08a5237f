package org.pbsj.client.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file of confirmed server fingerprints, {@code ~/.config/proxmox-backup/fingerprints}, one
 * {@code <server> <fingerprint>} line per server, as PBS's client reads and writes it (so both
 * clients share it). PBS keys it by host name only, without the port; we do the same.
 */
public final class FingerprintCache {
    private final Path file;

    public FingerprintCache(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The stored fingerprint of {@code server}, lower-cased; invalid lines are ignored. */
    public Optional<String> load(String server) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty(); // missing or unreadable: PBS ignores it as well
        }
        for (String line : text.split("\n")) {
            String[] items = line.trim().split("\\s+");
            if (items.length == 2 && items[0].equals(server) && CertificateFingerprint.isValid(items[1])) {
                return Optional.of(CertificateFingerprint.normalize(items[1]));
            }
        }
        return Optional.empty();
    }

    /** Replaces the line of {@code server}, keeping all others. */
    public synchronized void store(String server, String fingerprint) {
        String fp = CertificateFingerprint.normalize(fingerprint);
        StringBuilder out = new StringBuilder();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
                    String[] items = line.trim().split("\\s+");
                    if (!line.isBlank() && !(items.length == 2 && items[0].equals(server))) {
                        out.append(line).append('\n');
                    }
                }
            }
            out.append(server).append(' ').append(fp).append('\n');
            PrivateFiles.replace(file, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }
}
