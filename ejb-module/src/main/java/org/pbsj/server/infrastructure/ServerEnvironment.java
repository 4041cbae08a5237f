package org.pbsj.server.infrastructure;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.pbsj.core.datastore.DatastoreOptions;

/**
 * Where the server keeps its files. Everything derives from one data directory
 * ({@code pbsj.data.dir}, by default WildFly's {@code jboss.server.data.dir}), which the launcher
 * places outside the build output so that rebuilding the server loses nothing.
 */
@ApplicationScoped
public class ServerEnvironment {
    private final Path dataDir;

    public ServerEnvironment() {
        String dir = System.getProperty("pbsj.data.dir", System.getProperty("jboss.server.data.dir", "data"));
        this.dataDir = Path.of(dir).toAbsolutePath();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Secret key files (PBS's /etc/proxmox-backup equivalents). */
    public Path configDir() {
        return dataDir.resolve("pbsj-etc");
    }

    /** Default parent directory of datastores created without an explicit path. */
    public Path datastoreBase() {
        return Path.of(System.getProperty("pbsj.datastore.base", dataDir.resolve("datastores").toString()));
    }

    /** The server TLS key store (created by Elytron on the first handshake). */
    public Path tlsKeyStore() {
        return dataDir.resolve("pbsj-tls.p12");
    }

    public String tlsKeyStorePassword() {
        return System.getProperty("pbsj.tls.store-password", "pbsj-self-signed");
    }

    /** The HTTPS port clients reach the API and the web interface on (links in notification mails). */
    public int httpsPort() {
        return Integer.getInteger("pbsj.https.port", 8007);
    }

    /** Options for opening datastores: PBS's sync level default, lock files under the data dir. */
    public DatastoreOptions datastoreOptions() {
        return DatastoreOptions.defaults().withLockBaseDir(dataDir.resolve("locks"));
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
