package org.pbsj.core.datastore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;

import org.pbsj.core.store.AtomicFiles;

/** Destruction of snapshots, groups and namespaces, and the manifest lock file (§4, §5, §6, §8.3). */
final class DatastoreCleanup {
    static final Duration MANIFEST_LOCK_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(DatastoreCleanup.class.getName());

    private final Datastore store;

    DatastoreCleanup(Datastore store) {
        this.store = store;
    }

    void removeSnapshot(BackupDir d, boolean force) {
        Flock snapshotLock = null;
        Flock manifestLock = null;
        try {
            if (!force) {
                snapshotLock = store.lockSnapshot(d, Flock.Mode.EXCLUSIVE);
                manifestLock = store.lockManifest(d);
            }
            Path dir = store.snapshotPath(d);
            if (store.isProtected(d)) {
                throw new ProtectedSnapshotException(dir, d.toString());
            }
            deleteRecursively(dir);
            try {
                Files.deleteIfExists(store.manifestLockPath(d));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove manifest lock of {0}: {1}", d, e);
            }
        } finally {
            if (manifestLock != null) {
                manifestLock.close();
            }
            if (snapshotLock != null) {
                snapshotLock.close();
            }
        }
    }

    boolean removeGroup(BackupGroup g) {
        if (!store.groupExists(g)) {
            return true;
        }
        try (Flock ignored = store.lockGroup(g)) {
            boolean protectedLeft = false;
            for (BackupDir d : store.listSnapshots(g)) {
                if (store.isProtected(d)) {
                    protectedLeft = true;
                } else {
                    removeSnapshot(d, false);
                }
            }
            if (!protectedLeft) {
                deleteRecursively(store.groupPath(g)); // owner, notes and foreign leftovers too
            }
            return !protectedLeft;
        }
    }

    boolean removeNamespace(BackupNamespace ns, boolean deleteGroups) {
        List<BackupNamespace> all = store.listNamespacesRecursive(ns, BackupNamespace.MAX_DEPTH);
        if (deleteGroups) {
            for (BackupNamespace n : all) {
                for (BackupGroup g : store.listGroups(n)) {
                    removeGroup(g);
                }
            }
        }
        boolean removedAll = true;
        for (int i = all.size() - 1; i >= 0; i--) { // pre-order reversed = children before parents
            BackupNamespace n = all.get(i);
            Path dir = store.namespacePath(n);
            for (BackupType t : BackupType.values()) {
                rmdirIfEmpty(dir.resolve(t.value()));
            }
            rmdirIfEmpty(dir.resolve(BackupNamespace.NS_DIR));
            if (!n.isRoot() && !rmdirIfEmpty(dir)) {
                removedAll = false;
            }
        }
        return removedAll;
    }

    /** True if the directory is gone afterwards. */
    private static boolean rmdirIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (DirectoryNotEmptyException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    static Flock lockManifestFile(Path lockFile) {
        try {
            Files.createDirectories(lockFile.getParent());
            if (!Files.exists(lockFile)) {
                // create with its final mode under a temp name, then link: a racing creator's file wins
                Path tmp = AtomicFiles.tempPath(lockFile);
                FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                try {
                    Files.setPosixFilePermissions(tmp, AtomicFiles.MODE_0660);
                    Files.createLink(lockFile, tmp);
                } catch (FileAlreadyExistsException e) {
                    // lost the race: use the winner's file
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create manifest lock file " + lockFile, e);
        }
        return Flock.lockFile(lockFile, MANIFEST_LOCK_TIMEOUT, "manifest");
    }

    /** rm -rf without following symlinks; vanished entries are fine. */
    static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    if (exc != null && !(exc instanceof NoSuchFileException)) {
                        throw exc;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
