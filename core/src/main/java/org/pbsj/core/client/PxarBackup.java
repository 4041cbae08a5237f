package org.pbsj.core.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.pbsj.core.catalog.CatalogWriter;
import org.pbsj.core.chunker.BuzhashChunker;
import org.pbsj.core.datastore.BackupDir;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ArchiveNames;
import org.pbsj.core.pxar.fs.ArchiverOptions;
import org.pbsj.core.pxar.fs.PxarArchiver;
import org.pbsj.core.pxar.fs.ReuseStats;
import org.pbsj.core.pxar.fs.Warnings;

/**
 * Directory archives: the pxar archiver writes into chunking streams. Change detection
 * {@code legacy} writes a version 1 {@code <label>.pxar.didx} and, while it is written, the
 * snapshot catalog {@code catalog.pcat1.didx} (from a second thread decoding the same bytes).
 * {@code data} writes a split archive, {@code <label>.mpxar.didx} (metadata) plus
 * {@code <label>.ppxar.didx} (file contents), which needs no separate catalog. {@code metadata}
 * ({@link #reusingUnchangedFiles}) writes the same split archives, but files whose metadata equals
 * their entry in the previous snapshot's {@code .mpxar} are not read: their payload is referenced in
 * reused chunks of the previous {@code .ppxar} (pxar-format.md §9.3, {@code ReuseCache}).
 */
public final class PxarBackup implements BackupJob.DirectoryBackup {
    private final ArchiverOptions options;
    private final boolean split;
    private final List<String> excludes;
    private final PrintStream log;
    private final List<String> warnings = new ArrayList<>();
    private ChunkingOutputStream catalogStream;
    private CatalogWriter catalog;
    private Function<BackupDir, RestoreSource> referenceReader;

    public PxarBackup(ArchiverOptions options, boolean split, List<String> excludes, PrintStream log) {
        this.options = excludes.isEmpty() ? options : options.withFilter(new PathPatterns(excludes).asExcludeFilter());
        this.split = split;
        this.excludes = List.copyOf(excludes);
        this.log = log;
    }

    /**
     * Change detection "metadata": split archives that reuse the unchanged files of the previous
     * snapshot, whose metadata archive is read through {@code reader} (a reader session).
     */
    public PxarBackup reusingUnchangedFiles(Function<BackupDir, RestoreSource> reader) {
        if (!split) {
            throw new IllegalStateException("change detection metadata needs split archives");
        }
        this.referenceReader = reader;
        return this;
    }

    /** Files that could not be read or vanished ("path: message"); they are skipped, not fatal. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private Warnings warningSink() {
        return (path, message) -> {
            synchronized (warnings) {
                warnings.add(path + ": " + message);
            }
            log.println("warning: " + path + ": " + message);
        };
    }

    @Override
    public List<ArchiveStats> upload(ChunkPipeline pipeline, BackupJob.PreviousBackupView previous, BackupSpec spec)
            throws Exception {
        PxarArchiver archiver = new PxarArchiver(options, warningSink());
        if (split) {
            return uploadSplit(pipeline, previous, spec, archiver);
        }
        String name = spec.serverName();
        previous.index(name); // chunks of the last backup of this archive are known: not uploaded again
        ChunkingOutputStream archive = stream(pipeline, name);
        if (catalog == null) {
            catalogStream = new ChunkingOutputStream(IndexUpload.dynamic(pipeline, ArchiveNames.CATALOG_NAME),
                    new BuzhashChunker(BuzhashChunker.CATALOG_AVG));
            catalog = new CatalogWriter(catalogStream);
        }
        BytePipe pipe = new BytePipe(32);
        CompletableFuture<Void> cataloguer = CompletableFuture.runAsync(() -> {
            try {
                CatalogBuilder.addArchive(catalog, name, pipe.in);
                pipe.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                pipe.fail(e);
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "pbs-catalog");
            t.setDaemon(true);
            t.start();
        });
        try (OutputStream tee = new Tee(archive, pipe.out)) {
            archiver.archive(spec.path(), tee);
        } catch (IOException | RuntimeException e) {
            pipe.fail(e);
            archive.abort();
            throw e;
        }
        join(cataloguer);
        return List.of(archive.result());
    }

    private List<ArchiveStats> uploadSplit(ChunkPipeline pipeline, BackupJob.PreviousBackupView previous,
            BackupSpec spec, PxarArchiver archiver) throws IOException {
        String label = spec.label();
        String meta = label + ".mpxar.didx";
        String payload = label + ".ppxar.didx";
        Optional<IndexFile> previousMeta = previous.index(meta);
        Optional<IndexFile> previousPayload = previous.index(payload);
        ChunkingOutputStream m = stream(pipeline, meta);
        ChunkingOutputStream p = stream(pipeline, payload);
        byte[] prelude = excludes.isEmpty() ? null : prelude(excludes);
        PreviousSplitArchive reference = null;
        try {
            if (referenceReader != null) {
                reference = reference(pipeline, previous, meta, previousMeta, previousPayload, p);
            }
            PxarArchiver.Result r = archiver.archiveSplit(spec.path(), m, p, prelude, reference);
            if (reference != null) {
                reference.beforeClose();
            }
            m.close();
            p.close();
            if (referenceReader != null) {
                summary(r);
            }
        } catch (IOException | RuntimeException e) {
            m.abort();
            p.abort();
            throw e;
        } finally {
            if (reference != null) {
                reference.close();
            }
        }
        return List.of(m.result(), p.result());
    }

    /** The previous split archive of the same name, or null (then every file is read). */
    private PreviousSplitArchive reference(ChunkPipeline pipeline, BackupJob.PreviousBackupView previous, String meta,
            Optional<IndexFile> previousMeta, Optional<IndexFile> previousPayload, ChunkingOutputStream payload) {
        Optional<BackupDir> base = previous.snapshot();
        Optional<FileInfo> info = previous.file(meta);
        if (base.isEmpty() || info.isEmpty() || previousMeta.isEmpty() || previousPayload.isEmpty()) {
            log.println("No previous split archive '" + meta + "' - every file is read");
            return null;
        }
        log.println("Using previous index as metadata reference for '" + meta + "'");
        RestoreSource source = referenceReader.apply(base.get());
        try {
            return PreviousSplitArchive.open(source, previousMeta.get(), info.get(), previousPayload.get(),
                    pipeline.crypt(), payload);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** PBS's "Change detection summary". */
    private void summary(PxarArchiver.Result r) {
        ReuseStats s = r.reuse();
        log.println("Change detection summary:");
        log.println(" - " + (s.reusedFiles() + r.filesRead()) + " total files (" + r.hardlinks() + " hardlinks)");
        log.println(" - " + s.reusedFiles() + " unchanged, reusable files with " + Progress.formatBytes(s.reusedBytes())
                + " data");
        log.println(" - " + r.filesRead() + " changed or non-reusable files with " + Progress.formatBytes(r.bytesRead())
                + " data");
        log.println(" - " + Progress.formatBytes(s.paddingBytes()) + " padding in " + s.chunks() + " reused chunks ("
                + s.reencodedFiles() + " unchanged files read again to avoid more padding)");
    }

    private static ChunkingOutputStream stream(ChunkPipeline pipeline, String name) {
        return new ChunkingOutputStream(IndexUpload.dynamic(pipeline, name), new BuzhashChunker());
    }

    /** PBS's prelude of split archives: {@code {"exclude-patterns":"<lines>"}} (§9.4). */
    static byte[] prelude(List<String> patterns) {
        String lines = String.join("\n", patterns);
        return ("{\"exclude-patterns\":" + org.pbsj.core.json.Json.compact(lines) + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<ArchiveStats> finish(ChunkPipeline pipeline) throws IOException {
        if (catalog == null) {
            return List.of();
        }
        catalog.finish();
        catalogStream.close();
        return List.of(catalogStream.result());
    }

    private static void join(CompletableFuture<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("backup interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw new IOException("building the catalog failed: " + c.getMessage(), c);
        }
    }

    /** Writes to both; closing closes both (the archive stream first: it closes the index). */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                a.close();
            } finally {
                b.close();
            }
        }
    }
}
