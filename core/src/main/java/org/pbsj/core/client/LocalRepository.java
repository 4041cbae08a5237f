package org.pbsj.core.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.DatastoreOptions;
import org.pbsj.core.store.SyncLevel;

/**
 * A repository given as an absolute path ({@code --repository /mnt/disk/store1}): a datastore
 * directory opened in this process. Backups are owned by {@code root@pam} when run as root (as
 * with PBS's client on the server itself), else by {@code <user>@pam}.
 */
public final class LocalRepository implements BackupRepository {
    private final Datastore store;
    private final String authId;
    private final Clock clock;

    private LocalRepository(Datastore store, String authId, Clock clock) {
        this.store = store;
        this.authId = authId;
        this.clock = clock;
    }

    /** Whether a {@code --repository} value names a local datastore rather than a server. */
    public static boolean isLocal(String repository) {
        return repository != null && repository.startsWith("/");
    }

    public static LocalRepository open(String path, Clock clock) {
        return open(Path.of(path), clock, SyncLevel.FILESYSTEM);
    }

    public static LocalRepository open(Path path, Clock clock, SyncLevel syncLevel) {
        if (!Files.isDirectory(path.resolve(".chunks"))) {
            throw new ClientException("'" + path + "' is not a datastore (no .chunks directory)");
        }
        DatastoreOptions options = new DatastoreOptions(syncLevel, clock, lockDirectory());
        return new LocalRepository(Datastore.open(storeName(path), path, options), defaultAuthId(), clock);
    }

    /** The datastore's directory name if it is a valid datastore name (only used in messages). */
    static String storeName(Path path) {
        Path f = path.getFileName();
        String n = f == null ? "" : f.toString();
        return n.matches("[A-Za-z0-9_][A-Za-z0-9._\\-]{2,31}") ? n : "local";
    }

    static String defaultAuthId() {
        String user = System.getProperty("user.name", "root");
        return ("root".equals(user) ? "root" : user.toLowerCase(Locale.ROOT)) + "@pam";
    }

    /**
     * PBS's manifest lock directory when we may use it (so that a server on the same datastore
     * sees our locks), else one per user under the temp directory.
     */
    static Path lockDirectory() {
        Path pbs = DatastoreOptions.PBS_LOCK_BASE_DIR;
        try {
            Files.createDirectories(pbs);
            if (Files.isWritable(pbs)) {
                return pbs;
            }
        } catch (IOException | SecurityException e) {
            // not root: fall back below
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "pbsj-locks-" + System.getProperty("user.name"));
    }

    public Datastore datastore() {
        return store;
    }

    public String authId() {
        return authId;
    }

    @Override
    public LocalBackupTarget startBackup(BackupDir dir) {
        return LocalBackupTarget.start(store, dir, authId, clock);
    }

    @Override
    public LocalRestoreSource openSnapshot(BackupDir dir) {
        return LocalRestoreSource.open(store, dir);
    }

    @Override
    public java.util.Optional<BackupDir> lastFinishedSnapshot(org.pbsj.core.datastore.BackupGroup group) {
        return datastore().lastFinishedSnapshot(group);
    }

    @Override
    public void close() {
        store.close();
    }
}
