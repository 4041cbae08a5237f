package org.pbsj.client.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the client keeps its files, by the XDG base directory rules PBS follows
 * ({@code xdg::BaseDirectories::with_prefix("proxmox-backup")}). The environment is passed in so
 * tests can point everything at a temporary directory.
 */
public record ClientDirs(Path config, Path cache, Optional<Path> runtime) {
    public static final String PREFIX = "proxmox-backup";

    /** {@code $HOME} first, as PBS (Rust's home_dir) does; Java's user.home comes from the passwd entry. */
    public static ClientDirs fromEnvironment() {
        Map<String, String> env = System.getenv();
        String home = env.get("HOME");
        Path homeDir = home != null && home.startsWith("/") ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return fromEnvironment(env, homeDir);
    }

    public static ClientDirs fromEnvironment(Map<String, String> env, Path home) {
        Path config = xdg(env, "XDG_CONFIG_HOME").orElse(home.resolve(".config")).resolve(PREFIX);
        Path cache = xdg(env, "XDG_CACHE_HOME").orElse(home.resolve(".cache")).resolve(PREFIX);
        Optional<Path> runtime = xdg(env, "XDG_RUNTIME_DIR").map(p -> p.resolve(PREFIX));
        return new ClientDirs(config, cache, runtime);
    }

    /** XDG says relative values are invalid and must be ignored. */
    private static Optional<Path> xdg(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isEmpty() || !v.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(v));
    }

    /** {@code fingerprints}: trusted server certificates ({@code backup-protocol.md} §1.1). */
    public Path fingerprintFile() {
        return config.resolve("fingerprints");
    }

    /**
     * {@code tickets}: PBS keeps it in the runtime directory (a per-user tmpfs that vanishes at
     * logout, the right place for credentials); without one we fall back to the cache directory.
     */
    public Path ticketFile() {
        return runtime.orElse(cache).resolve("tickets");
    }

    public Path defaultEncryptionKey() {
        return config.resolve("encryption-key.json");
    }

    public Path defaultMasterPublicKey() {
        return config.resolve("master-public.pem");
    }
}
