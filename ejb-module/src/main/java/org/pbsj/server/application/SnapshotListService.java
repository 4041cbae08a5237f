package org.pbsj.server.application;

import static org.pbsj.server.auth.Privilege.DATASTORE_AUDIT;
import static org.pbsj.server.auth.Privilege.DATASTORE_BACKUP;
import static org.pbsj.server.auth.Privilege.DATASTORE_READ;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.BackupType;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.SnapshotManifests;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.server.auth.AclTree;
import org.pbsj.server.auth.Privilege;

/**
 * Listing of groups, snapshots and snapshot files ({@code rest-api.md} §4.3, derivations of
 * {@code manifest.md} §5). Callers with Datastore.Backup only see groups they own.
 */
@Stateless
public class SnapshotListService {
    private static final Logger LOG = Logger.getLogger(SnapshotListService.class.getName());

    @Inject
    DatastoreRegistry datastores;
    @Inject
    PermissionService permissions;

    /** BackupContent: size and crypt mode are absent for files the manifest does not list. */
    public record Content(String filename, String cryptMode, Long size) {
    }

    /** GroupListItem. */
    public record GroupItem(BackupGroup group, long lastBackup, long backupCount, List<String> files, String owner,
            String comment) {
    }

    /** SnapshotVerifyState from {@code unprotected.verify_state}. */
    public record VerifyState(String upid, String state) {
    }

    /** SnapshotListItem; manifest-derived fields are null when the manifest cannot be read. */
    public record SnapshotItem(BackupDir dir, String comment, VerifyState verification, String fingerprint,
            List<Content> files, Long size, String owner, boolean isProtected) {
    }

    public List<GroupItem> listGroups(AuthService.Caller caller, SnapshotSelector sel) {
        return CoreErrors.call(() -> listGroupsChecked(caller, sel));
    }

    private List<GroupItem> listGroupsChecked(AuthService.Caller caller, SnapshotSelector sel) {
        String store = sel.storeName();
        BackupNamespace ns = sel.namespace();
        boolean listAll = NamespaceAccess.full(permissions.tree(), caller, store, ns,
                Privilege.mask(DATASTORE_AUDIT), Privilege.mask(DATASTORE_BACKUP));
        Datastore ds = datastores.lookup(store);
        requireNamespace(ds, ns);
        List<GroupItem> out = new ArrayList<>();
        for (BackupGroup g : ds.listGroups(ns)) {
            Optional<String> owner = ds.owner(g);
            if (owner.isEmpty() || !listAll && !Datastore.ownerMatches(owner.get(), caller.authId())) {
                continue; // PBS skips groups without a readable owner
            }
            List<BackupDir> snapshots = ds.listSnapshots(g);
            if (snapshots.isEmpty()) {
                continue;
            }
            // PBS's fold: keeps a finished snapshot only while it is newer than the next one
            BackupDir last = snapshots.get(0);
            for (BackupDir b : snapshots) {
                if (!(ds.isFinished(last) && last.time() > b.time())) {
                    last = b;
                }
            }
            String comment = ds.groupNotes(g).map(n -> n.lines().findFirst().orElse("")).orElse(null);
            out.add(new GroupItem(g, last.time(), snapshots.size(), ds.backupFiles(last), owner.get(), comment));
        }
        return out;
    }

    public List<SnapshotItem> listSnapshots(AuthService.Caller caller, SnapshotSelector sel) {
        return CoreErrors.call(() -> listSnapshotsChecked(caller, sel));
    }

    private List<SnapshotItem> listSnapshotsChecked(AuthService.Caller caller, SnapshotSelector sel) {
        String store = sel.storeName();
        BackupNamespace ns = sel.namespace();
        boolean listAll = NamespaceAccess.full(permissions.tree(), caller, store, ns,
                Privilege.mask(DATASTORE_AUDIT), Privilege.mask(DATASTORE_BACKUP));
        Datastore ds = datastores.lookup(store);
        requireNamespace(ds, ns);
        List<SnapshotItem> out = new ArrayList<>();
        for (BackupGroup g : selectGroups(ds, sel, ns)) {
            Optional<String> owner = ds.owner(g);
            if (owner.isEmpty() || !listAll && !Datastore.ownerMatches(owner.get(), caller.authId())) {
                continue;
            }
            for (BackupDir d : ds.listSnapshots(g)) {
                out.add(snapshotItem(ds, d, owner.get()));
            }
        }
        return out;
    }

    /** Files of one snapshot: Audit or Read for all, Backup for own groups. */
    public List<Content> listFiles(AuthService.Caller caller, SnapshotSelector sel) {
        return CoreErrors.call(() -> listFilesChecked(caller, sel));
    }

    private List<Content> listFilesChecked(AuthService.Caller caller, SnapshotSelector sel) {
        String store = sel.storeName();
        BackupDir d = sel.dir();
        boolean full = NamespaceAccess.full(permissions.tree(), caller, store, d.ns(),
                Privilege.mask(DATASTORE_AUDIT, DATASTORE_READ), Privilege.mask(DATASTORE_BACKUP));
        Datastore ds = datastores.lookup(store);
        NamespaceAccess.requireOwnerUnlessFull(full, ds, d.group(), caller);
        requireSnapshot(ds, d);
        return allFiles(ds, d, SnapshotManifests.load(ds, d));
    }

    /** The groups a snapshot listing covers: one, all of a type, one id of any type, or all. */
    private static List<BackupGroup> selectGroups(Datastore ds, SnapshotSelector sel, BackupNamespace ns) {
        if (sel.backupType() != null && sel.backupId() != null) {
            return List.of(sel.group());
        }
        if (sel.backupType() != null) {
            BackupType type = sel.type();
            return ds.listGroups(ns).stream().filter(g -> g.type() == type).toList();
        }
        if (sel.backupId() != null) {
            List<BackupGroup> out = new ArrayList<>();
            for (BackupType t : BackupType.values()) {
                BackupGroup g = SnapshotSelector.group(sel.store(), sel.ns(), t.value(), sel.backupId()).group();
                if (ds.groupExists(g)) {
                    out.add(g);
                }
            }
            return out;
        }
        return ds.listGroups(ns);
    }

    private static SnapshotItem snapshotItem(Datastore ds, BackupDir d, String owner) {
        boolean isProtected = ds.isProtected(d);
        SnapshotManifests.Loaded loaded;
        try {
            loaded = SnapshotManifests.load(ds, d);
        } catch (RuntimeException e) {
            // unfinished or damaged: listed with its files but without sizes (manifest.md §5)
            LOG.fine(() -> "snapshot " + d + " listed without manifest: " + e.getMessage());
            List<Content> files = ds.backupFiles(d).stream().map(f -> new Content(f, null, null)).toList();
            return new SnapshotItem(d, null, null, null, files, null, owner, isProtected);
        }
        BackupManifest m = loaded.manifest();
        List<Content> files = allFiles(ds, d, loaded);
        long size = files.stream().mapToLong(c -> c.size() == null ? 0 : c.size()).sum();
        String fingerprint;
        try {
            fingerprint = m.keyFingerprint().map(Object::toString).orElse(null);
        } catch (RuntimeException e) {
            fingerprint = null;
        }
        return new SnapshotItem(d, m.comment().orElse(null), verifyState(m), fingerprint, files, size, owner,
                isProtected);
    }

    /** Manifest files, then {@code index.json.blob}, then other archive files in the directory. */
    static List<Content> allFiles(Datastore ds, BackupDir d, SnapshotManifests.Loaded loaded) {
        BackupManifest m = loaded.manifest();
        List<Content> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FileInfo f : m.files()) {
            out.add(new Content(f.filename(), f.cryptMode().jsonName(), f.size()));
            seen.add(f.filename());
        }
        out.add(new Content(BackupDir.MANIFEST,
                (m.isSigned() ? CryptMode.SIGN_ONLY : CryptMode.NONE).jsonName(), loaded.rawSize()));
        seen.add(BackupDir.MANIFEST);
        for (String f : ds.backupFiles(d)) {
            if (seen.add(f)) {
                out.add(new Content(f, null, null));
            }
        }
        return out;
    }

    private static VerifyState verifyState(BackupManifest m) {
        if (m.unprotected().get(BackupManifest.VERIFY_STATE) instanceof Map<?, ?> v
                && v.get("upid") instanceof String upid && v.get("state") instanceof String state
                && (state.equals("ok") || state.equals("failed"))) {
            return new VerifyState(upid, state);
        }
        return null;
    }

    static void requireNamespace(Datastore ds, BackupNamespace ns) {
        if (!ds.namespaceExists(ns)) {
            throw ServiceException.notFound("namespace '" + ns + "' does not exist");
        }
    }

    static void requireSnapshot(Datastore ds, BackupDir d) {
        if (!Files.isDirectory(ds.snapshotPath(d))) {
            throw ServiceException.notFound("snapshot '" + d + "'"
                    + (d.ns().isRoot() ? "" : " in namespace '" + d.ns() + "'") + " does not exist");
        }
    }
}
