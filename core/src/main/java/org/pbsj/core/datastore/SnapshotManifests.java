package org.pbsj.core.datastore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.AtomicFiles;
import org.pbsj.core.store.StoreException;

/**
 * Reading and updating a snapshot's {@code index.json.blob} (manifest.md §5): loads without a
 * lock, updates only {@code unprotected} under the manifest lock with an atomic replace, so the
 * signature stays valid and readers never see a partial file.
 */
public final class SnapshotManifests {
    /** A loaded manifest and the raw size of its blob file (listed as the size of {@code index.json.blob}). */
    public record Loaded(BackupManifest manifest, long rawSize) {
    }

    private SnapshotManifests() {
    }

    /**
     * Loads and decodes the manifest (never encrypted, so no key).
     *
     * @throws StoreException if the snapshot has no manifest (not finished, or not there)
     * @throws org.pbsj.core.error.PbsFormatException if the blob or its JSON is damaged
     */
    public static Loaded load(Datastore store, BackupDir d) {
        Path p = store.manifestPath(d);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            DataBlob blob = DataBlobCodec.read(ch, size, d + "/" + BackupDir.MANIFEST);
            return new Loaded(ManifestCodec.parse(DataBlobCodec.decode(blob, null, null)), size);
        } catch (NoSuchFileException e) {
            throw new StoreException(null, "snapshot " + d + " has no manifest (missing or unfinished)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest of " + d, e);
        }
    }

    /**
     * The manifest update procedure: manifest lock, load, let {@code edit} change a mutable copy
     * of {@code unprotected}, re-encode (compressed, unencrypted) and replace atomically.
     */
    public static BackupManifest update(Datastore store, BackupDir d, Consumer<Map<String, Object>> edit) {
        Path p = store.manifestPath(d);
        try (Flock ignored = store.lockManifest(d)) {
            byte[] json = DataBlobCodec.decode(DataBlobCodec.read(p), null, null);
            byte[] updated = ManifestCodec.updateUnprotected(json, edit);
            AtomicFiles.replace(p, DataBlobCodec.encode(updated, null, true).raw(), store.options().syncLevel());
            return ManifestCodec.parse(updated);
        } catch (NoSuchFileException e) {
            throw new StoreException(null, "snapshot " + d + " has no manifest (missing or unfinished)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update manifest of " + d, e);
        }
    }
}
