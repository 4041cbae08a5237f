package org.pbsj.core.client;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.Fingerprint;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;

/**
 * The base snapshot of an incremental backup ({@code backup-protocol.md} §8 step 2): its
 * manifest, used only if it was made with the same key (else its chunks would not match), and
 * its indexes, whose chunks become known once downloaded.
 */
final class PreviousBackup {
    private final BackupTarget target;
    private final BackupManifest manifest;

    private PreviousBackup(BackupTarget target, BackupManifest manifest) {
        this.target = target;
        this.manifest = manifest;
    }

    /** Loads the base manifest if there is a base; a failure only costs deduplication, so it is reported and ignored. */
    static PreviousBackup load(BackupTarget target, CryptConfig crypt, PrintStream log) {
        if (target.previousBackupTime().isEmpty()) {
            return new PreviousBackup(target, null);
        }
        try {
            byte[] blob = target.downloadPrevious(ArchiveNames.MANIFEST_BLOB_NAME);
            BackupManifest m = ManifestCodec.parse(DataBlobCodec.decode(
                    DataBlobCodec.load(blob, "previous " + ArchiveNames.MANIFEST_BLOB_NAME), null, null));
            Optional<Fingerprint> fp = m.keyFingerprint();
            Optional<Fingerprint> mine = crypt == null ? Optional.empty() : Optional.of(crypt.fingerprint());
            if (!fp.equals(mine)) {
                log.println("previous manifest was made with another key - ignoring it");
                return new PreviousBackup(target, null);
            }
            return new PreviousBackup(target, m);
        } catch (RuntimeException e) {
            log.println("could not load the previous manifest (" + e.getMessage() + ") - full upload");
            return new PreviousBackup(target, null);
        }
    }

    /** The base snapshot, if its manifest is used. */
    Optional<org.pbsj.core.datastore.BackupDir> snapshot() {
        return manifest == null ? Optional.empty() : target.previousBackupTime()
                .map(t -> new org.pbsj.core.datastore.BackupDir(target.snapshot().group(), t));
    }

    Optional<FileInfo> file(String archiveName) {
        return manifest == null ? Optional.empty() : manifest.lookupFile(archiveName);
    }

    /**
     * The base snapshot's index of {@code archiveName}, checked against the base manifest, with
     * all its chunks added to {@code known}; empty if the base has no such archive.
     */
    Optional<IndexFile> index(String archiveName, KnownChunks known) {
        Optional<FileInfo> info = file(archiveName);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        byte[] raw = target.downloadPrevious(archiveName);
        IndexFile idx;
        try {
            idx = IndexFile.wrap(ByteBuffer.wrap(raw), "previous " + archiveName);
            manifestCheck(info.get(), idx);
        } catch (PbsFormatException | IllegalArgumentException e) {
            throw new IllegalStateException("previous index " + archiveName + " is damaged: " + e.getMessage(), e);
        }
        for (int i = 0; i < idx.count(); i++) {
            known.addKnown(idx.digest(i));
        }
        return Optional.of(idx);
    }

    private static void manifestCheck(FileInfo info, IndexFile idx) {
        if (info.size() != idx.size() || !info.csumEquals(idx.computeCsum())) {
            throw new IllegalArgumentException("size or checksum differs from the manifest");
        }
    }
}
