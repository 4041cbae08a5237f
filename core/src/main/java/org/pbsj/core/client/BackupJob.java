package org.pbsj.core.client;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.blob.MasterKeyBlob;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.RandomSource;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;

/**
 * One backup run in the order of the reference client ({@code backup-protocol.md} §8): base
 * manifest, each archive, the RSA-wrapped key, the (signed) manifest, finish. Any exception
 * leaves the session unfinished; closing the target then removes the snapshot.
 */
public final class BackupJob {
    /** What to back up and how. {@code directories} handles {@code .pxar} specs (null: not available). */
    public record Options(List<BackupSpec> specs, CryptSetup crypt, DirectoryBackup directories, int threads,
            long maxInFlightBytes) {
    }

    /** Backs up a {@code .pxar} source (and its catalog entries); supplied by the pxar integration. */
    public interface DirectoryBackup {
        List<ArchiveStats> upload(ChunkPipeline pipeline, PreviousBackupView previous, BackupSpec spec)
                throws Exception;

        /** Archives written after all specs (the catalog); empty if none. */
        default List<ArchiveStats> finish(ChunkPipeline pipeline) throws Exception {
            return List.of();
        }
    }

    /** What a directory backup may use of the base snapshot. */
    public interface PreviousBackupView {
        java.util.Optional<org.pbsj.core.index.IndexFile> index(String archiveName);

        /** The base snapshot's manifest entry of an archive. */
        default java.util.Optional<FileInfo> file(String archiveName) {
            return java.util.Optional.empty();
        }

        /** The base snapshot, if its manifest is usable (same key). */
        default java.util.Optional<BackupDir> snapshot() {
            return java.util.Optional.empty();
        }
    }

    public record Result(BackupDir snapshot, BackupManifest manifest, List<ArchiveStats> archives, double seconds) {
    }

    private BackupJob() {
    }

    public static Result run(BackupTarget target, Options o, Progress progress, PrintStream log) throws Exception {
        long start = System.nanoTime();
        BackupDir dir = target.snapshot();
        CryptSetup crypt = o.crypt();
        CryptConfig enc = crypt.encryptionConfig();
        crypt.describe().ifPresent(d -> log.println("Using " + d));
        PreviousBackup previous = PreviousBackup.load(target, crypt.cryptConfig(), log);
        BackupManifest manifest = BackupManifest.create(dir.group().type().value(), dir.group().id(), dir.time());
        List<ArchiveStats> done = new ArrayList<>();
        try (ChunkPipeline pipeline = new ChunkPipeline(target, enc, o.threads(), o.maxInFlightBytes(), progress)) {
            PreviousBackupView view = new PreviousBackupView() {
                @Override
                public java.util.Optional<org.pbsj.core.index.IndexFile> index(String name) {
                    return previous.index(name, pipeline.known());
                }

                @Override
                public java.util.Optional<FileInfo> file(String name) {
                    return previous.file(name);
                }

                @Override
                public java.util.Optional<BackupDir> snapshot() {
                    return previous.snapshot();
                }
            };
            for (BackupSpec spec : o.specs()) {
                log.println("Upload " + describe(spec) + " as " + spec.serverName());
                List<ArchiveStats> stats = switch (spec.type()) {
                    case CONFIG, LOG -> List.of(BlobUpload.upload(target, enc, spec.serverName(), spec.path()));
                    case IMAGE -> List.of(ImageUpload.upload(pipeline, previous, spec.serverName(), spec.path()));
                    case PXAR -> {
                        if (o.directories() == null) {
                            throw new IllegalArgumentException("directory archives (.pxar) are not available in this build");
                        }
                        yield o.directories().upload(pipeline, view, spec);
                    }
                };
                stats.forEach(s -> report(log, s));
                done.addAll(stats);
                progress.fileDone();
            }
            if (o.directories() != null) {
                for (ArchiveStats s : o.directories().finish(pipeline)) {
                    report(log, s);
                    done.add(s);
                }
            }
        }
        if (crypt.key() != null && crypt.masterPublicKey() != null) {
            done.add(uploadMasterKeyBlob(target, crypt, log));
        }
        for (ArchiveStats s : done) {
            manifest = manifest.withFile(new FileInfo(s.archiveName(), crypt.mode(), s.size(), s.csum()));
        }
        if (crypt.key() != null) {
            manifest = ManifestCodec.sign(manifest, crypt.cryptConfig());
        }
        byte[] json = ManifestCodec.encode(manifest);
        target.uploadBlob(ArchiveNames.MANIFEST_BLOB_NAME, DataBlobCodec.encode(json, null, true).raw());
        target.finish();
        return new Result(dir, manifest, done, (System.nanoTime() - start) / 1e9);
    }

    private static ArchiveStats uploadMasterKeyBlob(BackupTarget target, CryptSetup crypt, PrintStream log) {
        log.println("Upload RSA encoded key to " + ArchiveNames.ENCRYPTED_KEY_BLOB_NAME);
        KeyWrapper wrapper = new KeyWrapper(java.time.Clock.systemDefaultZone(), RandomSource.secure());
        OffsetDateTime created = crypt.key().created();
        DataBlob blob = MasterKeyBlob.create(crypt.masterPublicKey(), wrapper.withoutPassword(crypt.key().key(), created));
        byte[] raw = blob.raw();
        target.uploadBlob(ArchiveNames.ENCRYPTED_KEY_BLOB_NAME, raw);
        ArchiveStats s = new ArchiveStats(ArchiveNames.ENCRYPTED_KEY_BLOB_NAME);
        s.blob(raw.length, raw.length, CryptConfig.sha256(raw));
        return s;
    }

    private static String describe(BackupSpec spec) {
        String what = switch (spec.type()) {
            case PXAR -> "directory";
            case IMAGE -> "image";
            default -> "config file";
        };
        return what + " '" + spec.path() + "'";
    }

    private static void report(PrintStream log, ArchiveStats s) {
        String name = ArchiveNames.displayName(s.archiveName());
        if (s.chunks() > 1 || s.archiveName().endsWith("idx")) {
            log.println(String.format(Locale.ROOT, "%s: had to backup %s of %s (compressed %s) in %.2fs",
                    name, Progress.formatBytes(s.uploadedBytes()), Progress.formatBytes(s.size()),
                    Progress.formatBytes(s.encodedBytes()), s.seconds()));
            log.println(String.format(Locale.ROOT, "%s: %d chunks, %d uploaded, %d reused", name, s.chunks(),
                    s.uploadedChunks(), s.chunks() - s.uploadedChunks()));
        }
    }
}
