package org.pbsj.client.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.pbsj.core.blob.ChunkDigest;
import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.crypto.KeyConfigCodec;
import org.pbsj.core.crypto.KeyWrapper;
import org.pbsj.core.crypto.RandomSource;
import org.pbsj.core.index.DynamicIndexWriter;
import org.pbsj.core.index.FixedIndexWriter;
import org.pbsj.core.index.IndexSummary;
import org.pbsj.core.json.Json;
import org.pbsj.core.manifest.BackupManifest;
import org.pbsj.core.manifest.FileInfo;
import org.pbsj.core.manifest.ManifestCodec;
import org.pbsj.core.store.LocalChunkStore;
import org.pbsj.core.store.SyncLevel;

/**
 * A small datastore in a temp directory for pbs-debug tests: only {@code .chunks} is created
 * (prefix directories appear on insert), chunks go in through the real {@link LocalChunkStore},
 * indexes through the real writers.
 */
final class DebugFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) i;
        }
    }

    final Path dir;
    final Path store;
    final LocalChunkStore chunks;

    /** Result of a pbs-debug run. */
    record Run(int rc, String out, String err, byte[] rawOut) {
        Map<String, Object> json() {
            return Json.parseObject(rawOut, "stdout");
        }
    }

    DebugFixture(Path dir) throws IOException {
        this.dir = dir;
        this.store = dir.resolve("store");
        Files.createDirectories(store.resolve(".chunks"));
        this.chunks = LocalChunkStore.open(store, SyncLevel.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static CryptConfig key() {
        return CryptConfig.fromKey(KEY);
    }

    /** Writes an unprotected key file with {@link #KEY}. */
    Path keyFile() throws IOException {
        Path p = dir.resolve("key.json");
        if (!Files.exists(p)) {
            var config = new KeyWrapper(Clock.fixed(NOW, ZoneOffset.UTC), RandomSource.secure())
                    .withoutPassword(KEY, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
            Files.writeString(p, KeyConfigCodec.toJson(config));
        }
        return p;
    }

    /** Stores {@code data} as a chunk; returns its digest. */
    byte[] insert(byte[] data, CryptConfig key, boolean compress) {
        byte[] digest = ChunkDigest.of(data, key);
        DataBlob blob = DataBlobCodec.encode(data, key, compress);
        chunks.insert(digest, blob.rawBuffer());
        return digest;
    }

    Path chunkFile(byte[] digest) {
        return chunks.chunkPath(digest);
    }

    /** A fixed index over {@code data}, chunks stored compressed. */
    IndexSummary fixedIndex(Path file, byte[] data, int chunkSize, CryptConfig key) throws IOException {
        Files.createDirectories(file.getParent());
        try (FixedIndexWriter w = FixedIndexWriter.create(file, data.length, chunkSize, UUID.randomUUID(), 1700000000L)) {
            for (int off = 0; off < data.length; off += chunkSize) {
                int len = Math.min(chunkSize, data.length - off);
                byte[] chunk = java.util.Arrays.copyOfRange(data, off, off + len);
                w.addChunk(off + len, len, insert(chunk, key, true));
            }
            return w.finish(false);
        }
    }

    /** A dynamic index over {@code data}, cut at the given end offsets (the last must be data.length). */
    IndexSummary dynamicIndex(Path file, byte[] data, int[] ends, CryptConfig key) throws IOException {
        Files.createDirectories(file.getParent());
        try (DynamicIndexWriter w = DynamicIndexWriter.create(file, UUID.randomUUID(), 1700000000L)) {
            int start = 0;
            for (int end : ends) {
                byte[] chunk = java.util.Arrays.copyOfRange(data, start, end);
                w.addChunk(start, end - start, insert(chunk, key, true));
                start = end;
            }
            return w.finish(false);
        }
    }

    /** Writes index.json.blob into {@code snapDir} listing the given archives; signed if {@code key} is given. */
    Path manifest(Path snapDir, CryptConfig key, FileInfo... files) throws IOException {
        BackupManifest m = BackupManifest.create("host", "elsa", 1717200000L);
        for (FileInfo f : files) {
            m = m.withFile(f);
        }
        if (key != null) {
            m = ManifestCodec.sign(m, key);
        }
        Path p = snapDir.resolve("index.json.blob");
        Files.createDirectories(snapDir);
        Files.write(p, DataBlobCodec.encode(ManifestCodec.encode(m), null, true).raw());
        return p;
    }

    static FileInfo info(String name, IndexSummary s, CryptMode mode) {
        return new FileInfo(name, mode, s.size(), s.csum());
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DebugMain main = new DebugMain(Map.of(), FakeTerminal.none(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        main.workDir = dir;
        int rc = main.run(args);
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Override
    public void close() {
        chunks.close();
    }
}
