package org.pbsj.core.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.datastore.BackupGroup;
import org.pbsj.core.datastore.BackupNamespace;
import org.pbsj.core.datastore.Datastore;
import org.pbsj.core.datastore.Flock;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.AtomicFiles;

/**
 * Groups and snapshots of a local datastore in the JSON shapes of PBS's API
 * ({@code GET /admin/datastore/{store}/groups|snapshots|files}), plus the manifest edits of
 * {@code snapshot notes update} (§5.3 update procedure: manifest lock, only {@code unprotected}).
 */
public final class SnapshotCatalog {
    private final Datastore store;

    public SnapshotCatalog(Datastore store) {
        this.store = store;
    }

    public List<Map<String, Object>> groups(BackupNamespace ns) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BackupGroup g : store.listGroups(ns)) {
            List<BackupDir> snaps = store.listSnapshots(g).stream().filter(store::isFinished).toList();
            if (snaps.isEmpty()) {
                continue; // PBS lists only groups with a finished snapshot
            }
            BackupDir last = snaps.get(snaps.size() - 1);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backup-type", g.type().value());
            m.put("backup-id", g.id());
            m.put("last-backup", last.time());
            m.put("backup-count", (long) snaps.size());
            m.put("files", store.backupFiles(last));
            store.owner(g).ifPresent(o -> m.put("owner", o));
            out.add(m);
        }
        return out;
    }

    /** Snapshots of one group, or of all groups of {@code ns} when {@code group} is null; oldest first. */
    public List<Map<String, Object>> snapshots(BackupNamespace ns, BackupGroup group) {
        List<BackupGroup> groups = group != null ? List.of(group) : store.listGroups(ns);
        List<Map<String, Object>> out = new ArrayList<>();
        for (BackupGroup g : groups) {
            for (BackupDir d : store.listSnapshots(g)) {
                out.add(snapshot(d));
            }
        }
        return out;
    }

    public Map<String, Object> snapshot(BackupDir d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup-type", d.group().type().value());
        m.put("backup-id", d.group().id());
        m.put("backup-time", d.time());
        Optional<BackupManifest> manifest = manifest(d);
        m.put("files", files(d, manifest));
        if (manifest.isPresent()) {
            BackupManifest man = manifest.get();
            long size = man.files().stream().mapToLong(FileInfo::size).sum() + fileSize(store.manifestPath(d));
            m.put("size", size);
            man.comment().ifPresent(c -> m.put("comment", c));
            man.keyFingerprint().ifPresent(f -> m.put("fingerprint", f.toString()));
            Object verify = man.unprotected().get(BackupManifest.VERIFY_STATE);
            if (verify != null) {
                m.put("verification", verify);
            }
        }
        store.owner(d.group()).ifPresent(o -> m.put("owner", o));
        m.put("protected", store.isProtected(d));
        return m;
    }

    /** The file list as {@code snapshot files} shows it; the manifest is listed as {@code sign-only} if signed. */
    public List<Map<String, Object>> files(BackupDir d, Optional<BackupManifest> manifest) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : store.backupFiles(d)) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("filename", name);
            Optional<FileInfo> info = manifest.flatMap(m -> m.lookupFile(name));
            if (info.isPresent()) {
                f.put("crypt-mode", info.get().cryptMode().jsonName());
                f.put("size", info.get().size());
            } else if (name.equals(ArchiveNames.MANIFEST_BLOB_NAME)) {
                f.put("crypt-mode", manifest.map(m -> m.isSigned() ? "sign-only" : "none").orElse("none"));
                f.put("size", fileSize(store.snapshotPath(d).resolve(name)));
            }
            out.add(f);
        }
        return out;
    }

    public Optional<BackupManifest> manifest(BackupDir d) {
        Path p = store.manifestPath(d);
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ManifestCodec.parse(DataBlobCodec.decode(DataBlobCodec.read(p), null, null)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // listed without sizes, as PBS does for unreadable manifests
        }
    }

    public BackupManifest requireManifest(BackupDir d) {
        if (!Files.isDirectory(store.snapshotPath(d))) {
            throw new ClientException("snapshot " + d + " does not exist");
        }
        return manifest(d).orElseThrow(() -> new ClientException("snapshot " + d + " has no readable manifest"));
    }

    /** Changes {@code unprotected} of a finished snapshot's manifest under the manifest lock. */
    public void updateUnprotected(BackupDir d, Consumer<Map<String, Object>> edit) {
        requireManifest(d);
        Path p = store.manifestPath(d);
        try (Flock ignored = store.lockManifest(d)) {
            byte[] json = DataBlobCodec.decode(DataBlobCodec.read(p), null, null);
            byte[] updated = ManifestCodec.updateUnprotected(json, edit);
            AtomicFiles.replace(p, DataBlobCodec.encode(updated, null, true).raw(), store.options().syncLevel());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update manifest of " + d, e);
        }
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
