package org.pbsj.client.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.PbsFormatException;
import org.pbsj.core.index.IndexFile;

/**
 * {@code pbs-debug recover index}: rebuilds an archive or image from its index and a
 * {@code .chunks} directory, chunk by chunk (never more than one chunk in memory). Into a file,
 * all-zero chunks and filled gaps are left as holes, so a mostly empty disk image stays sparse.
 * A failed run removes its partial output, so nobody mistakes it for a restore.
 */
final class RecoverCommand {
    private static final int ZERO_BLOCK = 1 << 20;

    private final DebugMain main;

    RecoverCommand(DebugMain main) {
        this.main = main;
    }

    /** Where the data goes: a new file (with holes) or a stream. */
    private interface Sink extends AutoCloseable {
        void write(long offset, byte[] data) throws IOException;

        void zeros(long offset, long length) throws IOException;

        void finish(long size) throws IOException;

        @Override
        void close() throws IOException;
    }

    int run(ParsedArgs a) throws IOException {
        Path indexPath = main.path(a.arg("index"));
        IndexFile idx = IndexFile.open(indexPath);
        Path chunkDir = DebugMain.chunkDir(main.path(a.arg("chunks")));
        CryptConfig key = main.key(a).orElse(null);
        boolean skipCrc = a.flag("skip-crc");
        boolean ignoreMissing = a.flag("ignore-missing-chunks");
        boolean ignoreCorrupt = a.flag("ignore-corrupt-chunks");
        String output = a.option("output", defaultOutput(indexPath));
        boolean toStdout = output.equals("-");
        PrintStream report = toStdout ? main.err : main.out;
        Path outPath = toStdout ? null : main.path(output);

        List<Map<String, Object>> gaps = new ArrayList<>();
        int sparse = 0;
        boolean done = false;
        try (Sink sink = toStdout ? new StreamSink(main.out) : new FileSink(outPath)) {
            for (int i = 0; i < idx.count(); i++) {
                long start = idx.chunkStart(i);
                long length = idx.chunkLength(i);
                if (length <= 0 || length > DataBlobCodec.MAX_BLOB_SIZE) {
                    throw new CorruptDataException(idx.source(), -1, "chunk " + i + " at archive offset " + start
                            + " has an impossible length " + length);
                }
                byte[] digest = idx.digest(i);
                Path chunk = DebugMain.chunkPath(chunkDir, digest);
                String reason = null;
                boolean missing = false;
                byte[] data = null;
                if (!Files.isRegularFile(chunk)) {
                    missing = true;
                    reason = "missing (" + chunk + ")";
                } else {
                    try {
                        data = decode(chunk, digest, (int) length, key, skipCrc, i, start);
                    } catch (PbsFormatException | IOException e) {
                        reason = "corrupt: " + e.getMessage();
                    }
                }
                if (reason != null) {
                    if (!(missing ? ignoreMissing : ignoreCorrupt)) {
                        throw new ClientException("chunk " + i + " (" + DebugMain.hex(digest) + ") at archive offset "
                                + start + ", length " + length + ": " + reason + "; use --ignore-"
                                + (missing ? "missing" : "corrupt") + "-chunks to fill it with zeros");
                    }
                    gaps.add(gap(i, start, length, digest, missing ? "missing" : "corrupt", reason));
                    sink.zeros(start, length);
                } else if (isZero(data)) {
                    sink.zeros(start, length);
                    sparse++;
                } else {
                    sink.write(start, data);
                }
            }
            sink.finish(idx.size());
            done = true;
        } finally {
            if (!done && outPath != null) {
                Files.deleteIfExists(outPath);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("output", toStdout ? "-" : outPath.toString());
        summary.put("size", idx.size());
        summary.put("chunks", idx.count());
        summary.put("zero-chunks", sparse);
        summary.put("gaps", gaps);
        if (main.format(a) == OutputFormat.TEXT) {
            for (Map<String, Object> g : gaps) {
                report.println("filled " + g.get("length") + " bytes at offset " + g.get("offset") + " with zeros: chunk "
                        + g.get("chunk") + " (" + g.get("digest") + ") " + g.get("detail"));
            }
            report.println("recovered " + idx.size() + " bytes from " + idx.count() + " chunks to " + summary.get("output")
                    + (gaps.isEmpty() ? "" : " (" + gaps.size() + " chunk(s) zero-filled)"));
        } else {
            main.print(a, report, summary, List.of());
        }
        return 0;
    }

    /** Reads, checks (CRC unless skipped, tag, digest, size) and decodes one chunk. */
    private static byte[] decode(Path chunk, byte[] digest, int length, CryptConfig key, boolean skipCrc,
            int index, long start) throws IOException {
        byte[] raw = InspectCommands.readBlob(chunk);
        DataBlob blob = skipCrc ? DataBlobCodec.loadWithoutCrc(raw, chunk.toString())
                : DataBlobCodec.load(raw, chunk.toString());
        if (blob.isEncrypted() && key == null) {
            // not a damaged chunk: every further chunk would fail the same way
            throw new ClientException("chunk " + index + " at archive offset " + start
                    + " is encrypted: --keyfile is needed (" + chunk + ")");
        }
        return DataBlobCodec.decodeChunk(blob, key, digest, length);
    }

    private static Map<String, Object> gap(int i, long start, long length, byte[] digest, String reason, String detail) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("chunk", i);
        g.put("offset", start);
        g.put("length", length);
        g.put("digest", DebugMain.hex(digest));
        g.put("reason", reason);
        g.put("detail", detail);
        return g;
    }

    /** PBS's default: the index name without {@code .fidx}/{@code .didx}, in the current directory. */
    static String defaultOutput(Path index) {
        String name = index.getFileName().toString();
        return name.endsWith(".fidx") || name.endsWith(".didx") ? name.substring(0, name.length() - 5) : name + ".raw";
    }

    private static boolean isZero(byte[] data) {
        for (int off = 0; off < data.length; off += ZERO_BLOCK) {
            int n = Math.min(ZERO_BLOCK, data.length - off);
            if (Arrays.mismatch(data, off, off + n, Zeros.BLOCK, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A shared block of zeros (never written to). */
    private static final class Zeros {
        static final byte[] BLOCK = new byte[ZERO_BLOCK];
    }

    /** A new regular file: zeros are holes, the length is set at the end. */
    private static final class FileSink implements Sink {
        private final FileChannel ch;

        FileSink(Path path) throws IOException {
            try {
                ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                throw new ClientException(path + ": output file exists (choose another --output)");
            }
        }

        @Override
        public void write(long offset, byte[] data) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(data);
            long p = offset;
            while (b.hasRemaining()) {
                p += ch.write(b, p);
            }
        }

        @Override
        public void zeros(long offset, long length) {
            // leave a hole
        }

        @Override
        public void finish(long size) throws IOException {
            if (ch.size() < size) {
                // one byte at the end gives the file its length and keeps everything before it sparse
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    /** Standard output: zeros must be written out. */
    private static final class StreamSink implements Sink {
        private final OutputStream out;

        StreamSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(long offset, byte[] data) throws IOException {
            out.write(data);
        }

        @Override
        public void zeros(long offset, long length) throws IOException {
            for (long left = length; left > 0; left -= ZERO_BLOCK) {
                out.write(Zeros.BLOCK, 0, (int) Math.min(ZERO_BLOCK, left));
            }
        }

        @Override
        public void finish(long size) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
