package org.pbsj.core.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.pxar.PxarDecoder;
import org.pbsj.core.pxar.fs.ExtractorOptions;
import org.pbsj.core.pxar.fs.PxarExtractor;
import org.pbsj.core.pxar.fs.Warnings;

/**
 * Restores archives of one snapshot: the manifest is verified first (signature and key
 * fingerprint when a key is given), every index against its manifest entry, every chunk by
 * digest. Images go to a file (kept sparse) or block device; blobs are written decoded.
 */
public final class Restorer implements AutoCloseable {
    private final RestoreSource source;
    private final CryptConfig key;
    private final ExecutorService workers;
    private final int threads;
    private final Progress progress;
    private final BackupManifest manifest;

    public Restorer(RestoreSource source, CryptConfig key, int threads, Progress progress) {
        this.source = source;
        this.key = key;
        this.threads = threads;
        this.progress = progress;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pbs-restore");
            t.setDaemon(true);
            return t;
        });
        this.manifest = loadManifest();
    }

    private BackupManifest loadManifest() {
        byte[] raw = source.download(ArchiveNames.MANIFEST_BLOB_NAME);
        byte[] json = DataBlobCodec.decode(DataBlobCodec.load(raw, ArchiveNames.MANIFEST_BLOB_NAME), null, null);
        // with a key: "wrong key" if the fingerprint differs, "wrong signature in manifest" if forged
        return key == null ? ManifestCodec.parse(json) : ManifestCodec.parse(json, key);
    }

    public BackupManifest manifest() {
        return manifest;
    }

    /** {@code root.pxar} → {@code root.pxar.didx}, {@code vm.conf} → {@code vm.conf.blob}; server names pass. */
    public static String serverName(String archive) {
        if (archive.endsWith(".didx") || archive.endsWith(".fidx") || archive.endsWith(".blob")) {
            return archive;
        }
        if (archive.endsWith(".pxar") || archive.endsWith(".mpxar") || archive.endsWith(".ppxar")
                || archive.endsWith(".pcat1")) {
            return archive + ".didx";
        }
        if (archive.endsWith(".img")) {
            return archive + ".fidx";
        }
        return archive + ".blob";
    }

    /** The manifest entry of an archive; {@code index.json.blob} itself is not listed and has none. */
    public Optional<FileInfo> fileInfo(String serverName) {
        return manifest.lookupFile(serverName);
    }

    /** Decoded content of a blob archive ({@code index.json.blob}: the manifest as stored). */
    public byte[] blob(String serverName) {
        byte[] raw = source.download(serverName);
        DataBlob blob = DataBlobCodec.load(raw, serverName);
        if (serverName.equals(ArchiveNames.MANIFEST_BLOB_NAME)) {
            return DataBlobCodec.decode(blob, null, null);
        }
        FileInfo info = manifest.requireFile(serverName);
        manifest.verifyFile(serverName, raw.length, CryptConfig.sha256(raw));
        if (info.chunksEncrypted() && key == null) {
            throw new ClientException(serverName + " is encrypted - a key is needed (--keyfile)");
        }
        return DataBlobCodec.decode(blob, blob.isEncrypted() ? key : null, null);
    }

    /** An index archive, checked against the manifest, with a fetcher for its chunks. */
    ChunkFetcher fetcher(String serverName) {
        FileInfo info = manifest.requireFile(serverName);
        IndexFile idx = IndexFile.wrap(ByteBuffer.wrap(source.download(serverName)), serverName);
        manifest.verifyFile(serverName, idx.size(), idx.computeCsum());
        return new ChunkFetcher(source, idx, info, key, workers);
    }

    /** The decoded byte stream of an index archive (pxar, catalog, image), read ahead in parallel. */
    public java.io.InputStream openArchive(String serverName) {
        return new ArchiveInputStream(fetcher(serverName), 2 * threads);
    }

    /** Writes a blob or image to {@code target} ({@code null}: to {@code out}). */
    public void restoreFile(String serverName, Path target, OutputStream out) throws IOException {
        if (serverName.endsWith(".blob")) {
            byte[] data = blob(serverName);
            if (target == null) {
                out.write(data);
                out.flush();
            } else {
                Files.write(target, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            progress.chunkDone(data.length, 0);
            return;
        }
        if (target == null) {
            try (java.io.InputStream in = openArchive(serverName)) {
                in.transferTo(out);
            }
            out.flush();
            return;
        }
        if (!serverName.endsWith(".fidx")) {
            throw new ClientException(serverName + " is a directory archive: restore it to a directory");
        }
        new ImageRestore(fetcher(serverName), workers, threads, progress).writeTo(target);
    }

    /**
     * Extracts a directory archive ({@code root.pxar}: the v1 {@code .pxar.didx}, or the split pair
     * {@code .mpxar.didx} + {@code .ppxar.didx}) below {@code target}; returns the entry count.
     */
    public long extractDirectory(String archive, Path target, List<String> patterns, boolean allowExistingDirs,
            Warnings warnings) throws IOException {
        String label = archive.replaceFirst("\\.(m|p)?pxar(\\.didx)?$", "");
        ExtractorOptions opts = ExtractorOptions.DEFAULTS.withAllowExistingDirs(allowExistingDirs);
        if (!patterns.isEmpty()) {
            opts = opts.withFilter(new PathPatterns(patterns).asIncludeFilter());
        }
        PxarExtractor extractor = new PxarExtractor(opts, warnings);
        if (manifest.lookupFile(label + ".pxar.didx").isEmpty() && manifest.lookupFile(label + ".mpxar.didx").isPresent()) {
            try (java.io.InputStream meta = openArchive(label + ".mpxar.didx");
                    java.io.InputStream payload = openArchive(label + ".ppxar.didx")) {
                return extractor.extract(PxarDecoder.openSplit(meta, payload, label + ".mpxar"), target);
            }
        }
        try (java.io.InputStream in = openArchive(label + ".pxar.didx")) {
            return extractor.extract(PxarDecoder.open(in, label + ".pxar"), target);
        }
    }

    /**
     * Random access to a directory archive (v1 {@code .pxar.didx} or the split pair) for browsing:
     * chunks are fetched when a read needs them, a few are kept decoded. Not thread-safe.
     */
    public org.pbsj.core.pxar.PxarAccessor openAccessor(String archive) {
        String label = archive.replaceFirst("\\.(m|p)?pxar(\\.didx)?$", "");
        if (manifest.lookupFile(label + ".pxar.didx").isEmpty() && manifest.lookupFile(label + ".mpxar.didx").isPresent()) {
            IndexedArchive meta = new IndexedArchive(fetcher(label + ".mpxar.didx"), IndexedArchive.DEFAULT_CACHED_CHUNKS);
            IndexedArchive payload = new IndexedArchive(fetcher(label + ".ppxar.didx"), 2);
            return org.pbsj.core.pxar.PxarAccessor.openSplit(meta, meta.size(), payload, payload.size(), label + ".mpxar");
        }
        IndexedArchive v1 = new IndexedArchive(fetcher(label + ".pxar.didx"), IndexedArchive.DEFAULT_CACHED_CHUNKS);
        return org.pbsj.core.pxar.PxarAccessor.open(v1, v1.size(), label + ".pxar");
    }

    /** Fails early with PBS's wording if the target may not be written. */
    static void requireNew(Path target) {
        if (Files.exists(target) && !ImageRestore.isDevice(target)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "unable to create target file - file exists"));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        source.close();
    }
}
