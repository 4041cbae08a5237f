package org.pbsj.core.datastore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.store.AtomicFiles;
import org.pbsj.core.store.LibC;
import org.pbsj.core.store.LocalChunkStore;
import org.pbsj.core.store.StoreException;

/**
 * A PBS datastore directory (datastore-layout.md): the chunk store plus the namespace / group /
 * snapshot tree, {@code .gc-status}, owner files and the directory locks. Keep one instance per
 * datastore per process (the chunk-store lock is per process, §8.1). Removal and namespace
 * cleanup live in {@link DatastoreCleanup}, exposed through the methods here.
 */
public final class Datastore implements AutoCloseable {
    public static final String GC_STATUS_FILE = ".gc-status";
    /** Snapshot files that are backup archives: {@code ^.*\.([fd]idx|blob)$}. */
    public static final Pattern BACKUP_FILE = Pattern.compile(".*\\.([fd]idx|blob)");

    private static final System.Logger LOG = System.getLogger(Datastore.class.getName());

    private final String name;
    private final Path base;
    private final DatastoreOptions options;
    private final LocalChunkStore chunkStore;

    private Datastore(String name, Path base, DatastoreOptions options, LocalChunkStore chunkStore) {
        this.name = name;
        this.base = base;
        this.options = options;
        this.chunkStore = chunkStore;
    }

    /** Creates the layout of §1–§2 at an absolute path; fails if a chunk store already exists there. */
    public static Datastore create(String name, Path path, DatastoreOptions options) {
        Names.requireDatastoreName(name);
        LocalChunkStore cs = LocalChunkStore.create(path, options.syncLevel(), options.clock());
        return new Datastore(name, cs.basePath(), options, cs);
    }

    /** Opens an existing datastore ({@code .chunks} must exist). */
    public static Datastore open(String name, Path path, DatastoreOptions options) {
        Names.requireDatastoreName(name);
        if (!LibC.available()) {
            LOG.log(System.Logger.Level.WARNING, "libc binding unavailable ({0}): directory locks only "
                    + "exclude this JVM, not other processes", String.valueOf(LibC.loadError()));
        }
        LocalChunkStore cs = LocalChunkStore.open(path, options.syncLevel(), options.clock());
        return new Datastore(name, cs.basePath(), options, cs);
    }

    public String name() {
        return name;
    }

    public Path basePath() {
        return base;
    }

    public DatastoreOptions options() {
        return options;
    }

    public LocalChunkStore chunkStore() {
        return chunkStore;
    }

    /** syncfs before a backup is marked finished (sync-level filesystem). */
    public void syncOnFinish() {
        chunkStore.syncOnFinish();
    }

    @Override
    public void close() {
        chunkStore.close();
    }

    // ------------------------------------------------------------------ .gc-status

    /** Last GC result; missing or unparsable file ⇒ {@link GcStatus#EMPTY} (the latter logged). */
    public GcStatus readGcStatus() {
        Path p = base.resolve(GC_STATUS_FILE);
        try {
            return GcStatus.parse(Files.readAllBytes(p), p.toString());
        } catch (NoSuchFileException e) {
            return GcStatus.EMPTY;
        } catch (CorruptDataException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unparsable {0}: {1}", p, e.getMessage());
            return GcStatus.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Atomic replace, mode 0644. PBS ignores write errors here: returns false (and logs) instead. */
    public boolean writeGcStatus(GcStatus status) {
        Path p = base.resolve(GC_STATUS_FILE);
        try {
            AtomicFiles.replace(p, status.toJson(), options.syncLevel());
            return true;
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write " + p, e);
            return false;
        }
    }

    // ------------------------------------------------------------------ paths

    /** Resolves a path made of validated names; the check guards against future misuse. */
    Path resolve(String relative) {
        Path p = relative.isEmpty() ? base : base.resolve(relative).normalize();
        if (!p.startsWith(base)) {
            throw new InvalidNameException("path escapes the datastore: " + relative);
        }
        return p;
    }

    public Path namespacePath(BackupNamespace ns) {
        return resolve(ns.path());
    }

    public Path groupPath(BackupGroup g) {
        return resolve(g.path());
    }

    public Path snapshotPath(BackupDir d) {
        return resolve(d.path());
    }

    /** {@code index.json.blob}; snapshot notes live in its unprotected section (manifest codec). */
    public Path manifestPath(BackupDir d) {
        return snapshotPath(d).resolve(BackupDir.MANIFEST);
    }

    public Path groupNotesPath(BackupGroup g) {
        return groupPath(g).resolve(BackupGroup.NOTES_FILE);
    }

    /** {@code <lock base>/<store>/<ns path>/<type>/<id>/<time>/<time>.index.json.lck} (§8.3). */
    public Path manifestLockPath(BackupDir d) {
        String t = d.timeString();
        return options.lockBaseDir().resolve(name).resolve(d.path()).resolve(t + ".index.json.lck");
    }

    // ------------------------------------------------------------------ namespaces

    public boolean namespaceExists(BackupNamespace ns) {
        return Files.isDirectory(namespacePath(ns));
    }

    /** mkdir -p of the namespace path; the parent namespace must exist. */
    public void createNamespace(BackupNamespace ns) {
        if (ns.isRoot()) {
            return;
        }
        if (!namespaceExists(ns.parent())) {
            throw new StoreException(namespacePath(ns.parent()), "parent namespace '" + ns.parent() + "' does not exist");
        }
        try {
            Files.createDirectories(namespacePath(ns));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create namespace " + ns, e);
        }
    }

    /** Direct children of {@code parent}, sorted; a missing {@code ns/} directory means none. */
    public List<BackupNamespace> listNamespaces(BackupNamespace parent) {
        List<BackupNamespace> out = new ArrayList<>();
        if (parent.depth() >= BackupNamespace.MAX_DEPTH) {
            return out;
        }
        for (String n : subdirectories(namespacePath(parent).resolve(BackupNamespace.NS_DIR), Names::isSafeId)) {
            try {
                out.add(parent.child(n));
            } catch (InvalidNameException e) {
                LOG.log(System.Logger.Level.DEBUG, "skipping namespace {0}: {1}", n, e.getMessage());
            }
        }
        out.sort(null);
        return out;
    }

    /** {@code parent} and its descendants down to {@code maxDepth} levels below it, pre-order. */
    public List<BackupNamespace> listNamespacesRecursive(BackupNamespace parent, int maxDepth) {
        List<BackupNamespace> out = new ArrayList<>();
        collect(parent, maxDepth, out);
        return out;
    }

    private void collect(BackupNamespace ns, int depthLeft, List<BackupNamespace> out) {
        out.add(ns);
        if (depthLeft > 0) {
            for (BackupNamespace child : listNamespaces(ns)) {
                collect(child, depthLeft - 1, out);
            }
        }
    }

    /**
     * Removes a namespace and everything below it. With {@code deleteGroups} all groups are
     * destroyed first (protected snapshots survive); otherwise only empty namespaces go. Returns
     * true if the namespace directory is gone.
     */
    public boolean removeNamespace(BackupNamespace ns, boolean deleteGroups) {
        return new DatastoreCleanup(this).removeNamespace(ns, deleteGroups);
    }

    // ------------------------------------------------------------------ groups

    /** Groups of a namespace in PBS order; unknown entries are ignored. */
    public List<BackupGroup> listGroups(BackupNamespace ns) {
        List<BackupGroup> out = new ArrayList<>();
        Path nsPath = namespacePath(ns);
        for (BackupType type : BackupType.values()) {
            for (String id : subdirectories(nsPath.resolve(type.value()), Names::isSafeId)) {
                out.add(new BackupGroup(ns, type, id));
            }
        }
        out.sort(null);
        return out;
    }

    public boolean groupExists(BackupGroup g) {
        return Files.isDirectory(groupPath(g));
    }

    /** First line of {@code owner} with trailing whitespace stripped; empty if there is no owner file. */
    public Optional<String> owner(BackupGroup g) {
        Path p = groupPath(g).resolve(BackupGroup.OWNER_FILE);
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            return Optional.of((nl >= 0 ? s.substring(0, nl) : s).stripTrailing());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read owner of " + g, e);
        }
    }

    /** Writes {@code "<authid>\n"}: create-new (O_EXCL) unless {@code force}, then create+truncate. */
    public void setOwner(BackupGroup g, String authId, boolean force) {
        if (authId == null || authId.isEmpty() || authId.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidNameException("invalid auth id for owner of " + g);
        }
        Path p = groupPath(g).resolve(BackupGroup.OWNER_FILE);
        try {
            if (force) {
                Files.writeString(p, authId + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            } else {
                Files.writeString(p, authId + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(p, "owner of " + g + " is already set", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write owner of " + g, e);
        }
    }

    /** PBS's owner check: same auth id, or the owner is an API token of {@code authId}'s user. */
    public static boolean ownerMatches(String owner, String authId) {
        if (owner.equals(authId)) {
            return true;
        }
        int bang = owner.indexOf('!');
        return bang > 0 && owner.substring(0, bang).equals(authId);
    }

    /**
     * Creates the group if needed (namespace must exist), takes the exclusive group lock (a
     * backup session's "another backup is already running" lock) and, for a new group, writes
     * the owner file with create-new semantics.
     */
    public LockedGroup createLockedGroup(BackupGroup g, String authId) {
        if (!namespaceExists(g.ns())) {
            throw new StoreException(namespacePath(g.ns()), "namespace '" + g.ns() + "' does not exist");
        }
        Path dir = groupPath(g);
        boolean created;
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
            created = true;
        } catch (FileAlreadyExistsException e) {
            created = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create backup group " + g, e);
        }
        Flock lock = lockGroup(g);
        try {
            if (created) {
                setOwner(g, authId, false);
            }
            String owner = owner(g).orElseThrow(() -> new StoreException(dir, "backup group " + g + " has no owner"));
            return new LockedGroup(g, owner, created, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Group notes (first line = comment); empty if there are none. */
    public Optional<String> groupNotes(BackupGroup g) {
        try {
            return Optional.of(Files.readString(groupNotesPath(g), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notes of " + g, e);
        }
    }

    /** Replaces the group notes atomically. */
    public void setGroupNotes(BackupGroup g, String notes) {
        AtomicFiles.replace(groupNotesPath(g), notes.getBytes(StandardCharsets.UTF_8), options.syncLevel());
    }

    /** Exclusive, non-blocking group lock. */
    public Flock lockGroup(BackupGroup g) {
        return Flock.tryLockDirectory(groupPath(g), Flock.Mode.EXCLUSIVE, "backup group",
                "another backup is already running");
    }

    /** Destroys all unprotected snapshots; the group directory goes only if none is protected. */
    public boolean removeGroup(BackupGroup g) {
        return new DatastoreCleanup(this).removeGroup(g);
    }

    // ------------------------------------------------------------------ snapshots

    /** Snapshot directories of a group, oldest first (finished or not). */
    public List<BackupDir> listSnapshots(BackupGroup g) {
        List<BackupDir> out = new ArrayList<>();
        for (String n : subdirectories(groupPath(g), BackupTime::isValid)) {
            out.add(new BackupDir(g, BackupTime.parse(n)));
        }
        out.sort(null);
        return out;
    }

    /** Finished ⇔ {@code index.json.blob} exists. */
    public boolean isFinished(BackupDir d) {
        return Files.exists(manifestPath(d), LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isProtected(BackupDir d) {
        return Files.exists(snapshotPath(d).resolve(BackupDir.PROTECTED_MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /** Newest finished snapshot (the base of an incremental backup), if any. */
    public Optional<BackupDir> lastFinishedSnapshot(BackupGroup g) {
        List<BackupDir> all = listSnapshots(g);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (isFinished(all.get(i))) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Regular files named {@code *.fidx|*.didx|*.blob}, sorted. */
    public List<String> backupFiles(BackupDir d) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(snapshotPath(d))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (BACKUP_FILE.matcher(n).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list snapshot " + d, e);
        }
        out.sort(null);
        return out;
    }

    /** mkdir of the snapshot directory (group must exist) + exclusive snapshot lock. */
    public LockedSnapshot createLockedSnapshot(BackupDir d) {
        Path p = snapshotPath(d);
        boolean created;
        try {
            Files.createDirectory(p);
            created = true;
        } catch (FileAlreadyExistsException e) {
            created = false;
        } catch (NoSuchFileException e) {
            throw new StoreException(p.getParent(), "backup group " + d.group() + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create snapshot " + d, e);
        }
        Flock lock = Flock.tryLockDirectory(p, Flock.Mode.EXCLUSIVE, "snapshot",
                "internal error - tried creating snapshot that's already in use");
        return new LockedSnapshot(d, p, created, lock);
    }

    /** Non-blocking snapshot lock: exclusive for writers/removal, shared for readers and verify. */
    public Flock lockSnapshot(BackupDir d, Flock.Mode mode) {
        return Flock.tryLockDirectory(snapshotPath(d), mode, "snapshot", "possibly running or in use");
    }

    /**
     * Manifest lock (§8.3): the lock file is created atomically if missing (mode 0660), then
     * locked exclusively with a 5 s timeout.
     */
    public Flock lockManifest(BackupDir d) {
        return DatastoreCleanup.lockManifestFile(manifestLockPath(d));
    }

    /** Creates or removes {@code .protected}, holding the exclusive snapshot lock. */
    public void setProtected(BackupDir d, boolean protect) {
        try (Flock ignored = lockSnapshot(d, Flock.Mode.EXCLUSIVE)) {
            Path marker = snapshotPath(d).resolve(BackupDir.PROTECTED_MARKER);
            if (protect) {
                try {
                    Files.createFile(marker);
                } catch (FileAlreadyExistsException e) {
                    // already protected
                }
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change protection of " + d, e);
        }
    }

    /**
     * Destroys a snapshot. Non-forced: exclusive snapshot + manifest lock. Always refuses a
     * protected snapshot ({@link ProtectedSnapshotException}). {@code force} (cleanup of a failed
     * backup that holds the locks itself) skips locking.
     */
    public void removeSnapshot(BackupDir d, boolean force) {
        new DatastoreCleanup(this).removeSnapshot(d, force);
    }

    /** Names of subdirectories (no symlinks) of {@code dir} accepted by {@code filter}; missing dir ⇒ none. */
    static List<String> subdirectories(Path dir, Predicate<String> filter) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (filter.test(n) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }
}
