package org.pbsj.core.pxar.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.pxar.Entry;
import org.pbsj.core.pxar.EntryKind;
import org.pbsj.core.pxar.Metadata;
import org.pbsj.core.pxar.PxarAccessor;
import org.pbsj.core.pxar.PxarEncoder;
import org.pbsj.core.pxar.PxarFormat;

/**
 * The lookahead cache of change detection "metadata" (pxar-format.md §9.3), as in the PBS client.
 *
 * <p><b>Reusable file.</b> A regular file is reusable when the previous {@code .mpxar} has an entry
 * of the same name in the same directory that is a regular file with a PAYLOAD_REF, the same size,
 * and equal {@link Metadata} (mode incl. file type, attribute flags, uid, gid, mtime seconds and
 * nanoseconds, xattrs, ACLs, fcaps, project id: everything the archive stores about it). ctime and
 * inode are not in the archive and cannot be compared.
 *
 * <p><b>Lookahead.</b> Reusable files are not written at once: they collect, with every encoder
 * call that follows them (directories, symlinks, ...), into one range of the previous payload
 * stream, which grows while the next reusable file starts at or after its end without skipping a
 * whole previous chunk. The range is decided when a file that must be read comes, when it would
 * break, when {@value #MAX_CACHED} items are held (each cached file keeps its descriptor open), and
 * at the end of the archive.
 *
 * <p><b>Decision (padding rule).</b> The previous chunks covering the range are reused only if the
 * bytes they hold that no reused file needs (padding: the previous stream's start/tail markers,
 * deleted or changed files, neighbours in a partially used chunk) are at most
 * {@value #PADDING_THRESHOLD} of the chunks' bytes; otherwise the cached files are read and
 * encoded again (re-chunked). Chunks already appended for the previous range are not counted
 * again: a range continuing in the last appended chunk uses those bytes for free.
 */
final class ReuseCache {
    static final double PADDING_THRESHOLD = 0.1;
    static final int MAX_CACHED = 512;
    private static final long REENCODE = Long.MIN_VALUE;

    /** A deferred encoder call. */
    interface Op {
        void run(PxarEncoder encoder) throws IOException;
    }

    /** Encodes a cached file normally (reading its content); returns its FILENAME offset. */
    interface Reencoder {
        long encode(PxarEncoder encoder, CachedFile file) throws IOException;
    }

    /** A reusable file waiting for the decision; {@code fd} stays open until then. */
    record CachedFile(byte[] name, byte[] path, Metadata metadata, long size, long oldOffset, int fd,
            LongConsumer fileOffsetSink) {
        /** End of its PAYLOAD item in the previous stream. */
        long end() {
            return oldOffset + PxarFormat.HEADER_SIZE + size;
        }
    }

    private final PayloadReuse reuse;
    private final IndexFile index;
    private final PxarAccessor previous;
    private final Warnings warnings;
    private final Deque<Map<String, Entry>> dirs = new ArrayDeque<>();
    private final List<Object> queue = new ArrayList<>();
    private int cachedFiles;
    private long rangeStart;
    private long rangeEnd;
    /** The previous chunks appended last, runFirst..runLast; chunk k starts at new offset chunkStart(k) + runDelta. */
    private int runFirst = -1;
    private int runLast = -1;
    private long runDelta;
    private long runEndPosition = -1;
    private long reusedFiles;
    private long reusedBytes;
    private long reencodedFiles;
    private long reencodedBytes;
    private long chunks;
    private long chunkBytes;
    private long paddingBytes;

    ReuseCache(PayloadReuse reuse, Warnings warnings) {
        this.reuse = reuse;
        this.index = reuse.previousPayloadIndex();
        this.previous = reuse.previousMetadata();
        this.warnings = warnings;
    }

    ReuseStats stats() {
        return new ReuseStats(reusedFiles, reusedBytes, reencodedFiles, reencodedBytes, chunks, chunkBytes, paddingBytes);
    }

    /** Loads the previous archive's children of {@code dirPath} (empty for the root). */
    void enterDirectory(byte[] dirPath) {
        Map<String, Entry> children = new HashMap<>();
        try {
            Entry dir;
            if (dirs.isEmpty()) {
                dir = previous.root();
            } else {
                int slash = dirPath.length - 1;
                while (slash >= 0 && dirPath[slash] != '/') {
                    slash--;
                }
                byte[] name = java.util.Arrays.copyOfRange(dirPath, slash + 1, dirPath.length);
                dir = dirs.peek().get(key(name));
            }
            if (dir != null && dir.kind() == EntryKind.DIRECTORY) {
                for (Entry c : previous.list(dir)) {
                    children.put(key(c.fileName()), c);
                }
            }
        } catch (IOException | RuntimeException e) {
            children.clear();
            warnings.warn(dirPath.length == 0 ? new byte[] {'/'} : dirPath,
                    "previous archive unreadable here, files are read again: " + e.getMessage());
        }
        dirs.push(children);
    }

    void leaveDirectory() {
        dirs.pop();
    }

    /** The previous PAYLOAD header offset of an unchanged file of the current directory, else -1. */
    long reusableOffset(byte[] name, Metadata metadata, long size) {
        Entry e = dirs.isEmpty() ? null : dirs.peek().get(key(name));
        if (e == null || e.kind() != EntryKind.FILE || !e.payloadRef() || e.fileSize() != size
                || !metadata.equals(e.metadata())) {
            return -1;
        }
        long header = e.contentOffset() - PxarFormat.HEADER_SIZE;
        if (header < PxarFormat.HEADER_SIZE || e.contentOffset() + size > index.size()) {
            return -1;
        }
        return header;
    }

    boolean caching() {
        return !queue.isEmpty();
    }

    void defer(Op op) {
        queue.add(op);
    }

    /** Caches a reusable file, deciding on what is cached first if the range would break. */
    void addFile(PxarEncoder encoder, CachedFile f, Reencoder reencoder) throws IOException {
        if (cachedFiles > 0 && (f.oldOffset() < rangeEnd || chunk(f.oldOffset()) > chunk(rangeEnd - 1) + 1)) {
            flush(encoder, reencoder);
        } else if (queue.size() >= MAX_CACHED) {
            flush(encoder, reencoder);
        }
        if (cachedFiles == 0) {
            rangeStart = f.oldOffset();
        }
        rangeEnd = f.end();
        cachedFiles++;
        queue.add(f);
    }

    /** Decides on the cached range and runs the cached items in order. */
    void flush(PxarEncoder encoder, Reencoder reencoder) throws IOException {
        if (queue.isEmpty()) {
            return;
        }
        List<Object> items = List.copyOf(queue);
        queue.clear();
        int files = cachedFiles;
        cachedFiles = 0;
        try {
            long delta = files == 0 ? REENCODE : plan(encoder, items);
            for (Object o : items) {
                if (o instanceof Op op) {
                    op.run(encoder);
                    continue;
                }
                CachedFile f = (CachedFile) o;
                long fileOffset;
                if (delta == REENCODE) {
                    fileOffset = reencoder.encode(encoder, f);
                    reencodedFiles++;
                    reencodedBytes += f.size();
                } else {
                    fileOffset = encoder.addReusedFile(f.name(), f.metadata(), f.size(), f.oldOffset() + delta);
                    reusedFiles++;
                    reusedBytes += f.size();
                }
                f.fileOffsetSink().accept(fileOffset);
                PosixFs.closeQuietly(f.fd());
            }
        } finally {
            for (Object o : items) {
                if (o instanceof CachedFile f) {
                    PosixFs.closeQuietly(f.fd());
                }
            }
        }
    }

    /** Closes the descriptors of files still cached (after a failure). */
    void discard() {
        for (Object o : queue) {
            if (o instanceof CachedFile f) {
                PosixFs.closeQuietly(f.fd());
            }
        }
        queue.clear();
        cachedFiles = 0;
    }

    /** Appends the previous chunks of the range if the padding rule allows; returns old→new offset delta. */
    private long plan(PxarEncoder encoder, List<Object> items) throws IOException {
        int first = chunk(rangeStart);
        int last = chunk(rangeEnd - 1);
        boolean continues = runLast >= 0 && encoder.payloadPosition() == runEndPosition && first >= runFirst
                && first <= runLast + 1;
        int from = continues ? Math.max(first, runLast + 1) : first;
        if (from > last) {
            return runDelta; // everything lies in chunks appended already
        }
        long start = index.chunkStart(from);
        long end = index.chunkEnd(last);
        long used = 0;
        for (Object o : items) {
            if (o instanceof CachedFile f) {
                used += Math.max(0, Math.min(f.end(), end) - Math.max(f.oldOffset(), start));
            }
        }
        long injected = end - start;
        long padding = injected - used;
        if (padding > PADDING_THRESHOLD * injected) {
            return REENCODE;
        }
        encoder.flush();
        long position = encoder.payloadPosition();
        long newStart = reuse.inject(from, last, position);
        encoder.advancePayload(newStart + injected - position);
        if (!continues) {
            runFirst = from;
            runDelta = newStart - start;
        } else if (newStart - start != runDelta) {
            throw new IllegalStateException("payload run broken: chunk " + from + " appended at " + newStart);
        }
        runLast = last;
        runEndPosition = encoder.payloadPosition();
        chunks += last - from + 1;
        chunkBytes += injected;
        paddingBytes += padding;
        return runDelta;
    }

    private int chunk(long offset) {
        return index.chunkFromOffset(offset).orElseThrow(() -> new CorruptDataException(index.source(), offset,
                "payload offset outside the previous payload stream")).index();
    }

    private static String key(byte[] name) {
        return new String(name, StandardCharsets.ISO_8859_1);
    }
}
