package org.pbsj.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.blob.BlobMagic;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.catalog.CatalogEntryType;
import org.pbsj.core.catalog.CatalogReader;
import org.pbsj.core.io.ReadAt;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.FixedIndexV1;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.ArchiveNames;

/** {@code pbs-debug inspect chunk|file}. */
final class InspectCommands {
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final DebugMain main;

    InspectCommands(DebugMain main) {
        this.main = main;
    }

    // ------------------------------------------------------------------ inspect chunk

    int chunk(ParsedArgs a) {
        String arg = a.arg("chunk");
        Path file;
        byte[] expected = null;
        if (DIGEST.matcher(arg).matches() && (a.option("chunk-dir") != null || !Files.exists(main.path(arg)))) {
            if (a.option("chunk-dir") == null) {
                throw new UsageException("a digest needs --chunk-dir to find the chunk file");
            }
            expected = DebugMain.hexDigest(arg);
            file = DebugMain.chunkPath(DebugMain.chunkDir(main.path(a.option("chunk-dir"))), expected);
        } else {
            file = main.path(arg);
            String name = file.getFileName().toString();
            // like PBS's --use-filename-as-digest: a chunk file is named by its digest
            expected = DIGEST.matcher(name).matches() ? DebugMain.hexDigest(name) : null;
        }
        BlobInspector.Result r = BlobInspector.inspect(readBlob(file), file.toString(), main.key(a).orElse(null), expected);
        report(a, r, file, null);
        return 0;
    }

    /**
     * Prints the report (to stderr if the content goes to stdout) and, in text mode, a
     * manifest's archive table; writes --decode; fails if a check failed.
     */
    private void report(ParsedArgs a, BlobInspector.Result r, Path file, List<Map<String, Object>> files) {
        String decode = a.option("decode");
        PrintStream stream = "-".equals(decode) ? main.err : main.out;
        main.print(a, stream, r.info(), List.of());
        if (files != null) {
            main.print(a, stream, files, List.of(Column.of("filename"), Column.of("crypt-mode"), Column.of("size"),
                    Column.of("csum"), Column.of("check")));
        }
        if (decode != null && r.decoded() != null) {
            writeDecoded(decode, r.decoded());
        }
        if (!r.problems().isEmpty()) {
            throw new ClientException(file + ": " + String.join("; ", r.problems()));
        }
        if (decode != null && r.decoded() == null) {
            throw new ClientException(file + ": cannot decode an encrypted blob without --keyfile");
        }
    }

    private void writeDecoded(String target, byte[] data) {
        try {
            if (target.equals("-")) {
                main.out.write(data);
                main.out.flush();
            } else {
                Files.write(main.path(target), data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw new ClientException("cannot write " + target + ": " + e, e);
        }
    }

    static byte[] readBlob(Path file) {
        try {
            long size = Files.size(file);
            if (size > DataBlobCodec.MAX_ENCODED_SIZE) {
                throw new CorruptDataException(file.toString(), DataBlobCodec.MAX_ENCODED_SIZE,
                        "too large for a blob (" + size + " bytes)");
            }
        } catch (NoSuchFileException e) {
            throw new ClientException(file + ": no such file");
        } catch (IOException e) {
            throw new ClientException(file + ": " + e.getMessage(), e);
        }
        return DebugMain.readSmall(file);
    }

    // ------------------------------------------------------------------ inspect file

    int file(ParsedArgs a) throws IOException {
        Path file = main.path(a.arg("file"));
        long magic = readMagic(file);
        if (magic == BlobMagic.FIXED_INDEX_1_0 || magic == BlobMagic.DYNAMIC_INDEX_1_0) {
            if (a.option("decode") != null) {
                throw new UsageException("--decode is for blobs; use 'recover index' to rebuild an archive");
            }
            index(a, IndexFile.open(file));
        } else if (BlobMagic.isDataBlob(magic)) {
            blob(a, file);
        } else if (magic == BlobMagic.CATALOG_1_0) {
            catalog(a, file);
        } else {
            throw new CorruptDataException(file.toString(), 0, "not an index, blob or catalog: " + BlobMagic.name(magic));
        }
        return 0;
    }

    private static long readMagic(Path file) throws IOException {
        byte[] b = new byte[BlobMagic.SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(b, 0, b.length);
            if (n < b.length) {
                throw new CorruptDataException(file.toString(), n, "file too short for a magic number (" + n + " bytes)");
            }
        } catch (NoSuchFileException e) {
            throw new ClientException(file + ": no such file");
        }
        return BlobMagic.read(b, 0);
    }

    private void index(ParsedArgs a, IndexFile idx) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", idx.source());
        info.put("type", idx.archiveType().extension());
        info.put("uuid", idx.uuid().toString());
        info.put("ctime", idx.ctime());
        info.put("size", idx.size());
        if (idx instanceof FixedIndexV1 f) {
            info.put("chunk-size", f.chunkSize());
        }
        info.put("chunk-count", idx.count());
        byte[] stored = idx.storedCsum();
        byte[] computed = idx.computeCsum();
        info.put("csum-stored", DebugMain.hex(stored));
        info.put("csum-computed", DebugMain.hex(computed));
        info.put("csum-ok", Arrays.equals(stored, computed));
        String sanity;
        try {
            idx.sanityCheck();
            sanity = "ok";
        } catch (PbsFormatException e) {
            sanity = e.getMessage();
        }
        info.put("sanity", sanity);
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (int i = 0; i < idx.count(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", i);
            c.put("offset", idx.chunkStart(i));
            c.put("size", idx.chunkLength(i));
            c.put("digest", DebugMain.hex(idx.digest(i)));
            chunks.add(c);
        }
        if (main.format(a) == OutputFormat.TEXT) {
            main.print(a, main.out, info, List.of(Column.of("file"), Column.of("type"), Column.of("uuid"),
                    Column.of("ctime").rendered(Column::epoch), Column.of("size"), Column.of("chunk-size"),
                    Column.of("chunk-count"), Column.of("csum-stored"), Column.of("csum-computed"), Column.of("csum-ok"),
                    Column.of("sanity")));
            main.print(a, main.out, chunks, List.of(Column.of("index"), Column.of("offset"), Column.of("size"),
                    Column.of("digest")));
        } else {
            info.put("chunks", chunks);
            main.print(a, main.out, info, List.of());
        }
        if (!sanity.equals("ok")) {
            throw new ClientException(sanity);
        }
    }

    private void blob(ParsedArgs a, Path file) {
        CryptConfig key = main.key(a).orElse(null);
        BlobInspector.Result r = BlobInspector.inspect(readBlob(file), file.toString(), key, null);
        List<String> problems = new ArrayList<>(r.problems());
        List<Map<String, Object>> files = null;
        if (file.getFileName().toString().equals(ArchiveNames.MANIFEST_BLOB_NAME) && r.decoded() != null) {
            problems.addAll(ManifestInspector.inspect(r.decoded(), file.toAbsolutePath().getParent(), key, r.info()));
            if (main.format(a) == OutputFormat.TEXT) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> f = (List<Map<String, Object>>) r.info().remove("files");
                files = f;
            }
        }
        report(a, new BlobInspector.Result(r.info(), r.decoded(), problems), file, files);
    }

    /** A raw {@code .pcat1} (e.g. rebuilt with {@code recover index}): every path with its type. */
    private void catalog(ParsedArgs a, Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            CatalogReader r = CatalogReader.open(ReadAt.of(ch), file.toString());
            r.walk("/", (path, e) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("type", String.valueOf(e.type().letter()));
                row.put("path", path);
                row.put("size", e.type() == CatalogEntryType.FILE ? e.size() : null);
                row.put("mtime", e.type() == CatalogEntryType.FILE ? e.mtime() : null);
                rows.add(row);
                return true;
            });
        }
        main.print(a, main.out, rows, List.of(Column.of("type"), Column.of("path"), Column.of("size"),
                Column.of("mtime").rendered(v -> v == null ? "" : Column.epoch(v))));
    }
}
