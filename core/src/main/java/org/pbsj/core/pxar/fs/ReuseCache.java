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
 * {@value #PADDING_THRESHOLD} of the chunks' bytes. Otherwise the files sharing the edge chunk
 * with more padding are dropped from the range, to be read and encoded again (re-chunked), and the
 * rest is tried again; if the padding lies in the middle (holes) all cached files are read. Chunks
 * already appended for the previous range are not counted
 * again: a range continuing in the last appended chunk uses those bytes for free; when the range is
 * decided only because the cache is full, the rest of its last chunk is left to the next range and
 * not counted.
 */
final class ReuseCache {
    static final double PADDING_THRESHOLD = 0.1;
    static final int MAX_CACHED = 512;

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
            flush(encoder, reencoder, true);
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
        flush(encoder, reencoder, false);
    }

    /**
     * @param continued the cache is only full: the next range probably continues in the last chunk,
     *     so the rest of that chunk does not count as padding yet
     */
    private void flush(PxarEncoder encoder, Reencoder reencoder, boolean continued) throws IOException {
        if (queue.isEmpty()) {
            return;
        }
        List<Object> items = List.copyOf(queue);
        queue.clear();
        cachedFiles = 0;
        List<CachedFile> files = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof CachedFile f) {
                files.add(f);
            }
        }
        Plan plan = files.isEmpty() ? null : plan(encoder, files, continued);
        int n = 0;
        int closed = 0;
        try {
            for (Object o : items) {
                if (o instanceof Op op) {
                    op.run(encoder);
                    continue;
                }
                CachedFile f = (CachedFile) o;
                int k = n++;
                long fileOffset;
                if (plan == null || k < plan.firstFile() || k > plan.lastFile()) {
                    fileOffset = reencoder.encode(encoder, f);
                    reencodedFiles++;
                    reencodedBytes += f.size();
                } else {
                    if (k == plan.firstFile()) {
                        inject(encoder, plan);
                    }
                    fileOffset = encoder.addReusedFile(f.name(), f.metadata(), f.size(), f.oldOffset() + runDelta);
                    reusedFiles++;
                    reusedBytes += f.size();
                }
                f.fileOffsetSink().accept(fileOffset);
                PosixFs.closeQuietly(f.fd());
                closed = n;
            }
        } finally {
            // Only those not closed above: closing a descriptor twice can close a file another
            // thread has opened meanwhile under the same number.
            for (int i = closed; i < files.size(); i++) {
                PosixFs.closeQuietly(files.get(i).fd());
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

    /**
     * Files {@code firstFile..lastFile} of the cached ones are reused with previous chunks
     * {@code fromChunk..lastChunk} (none if {@code fromChunk > lastChunk}: they lie in chunks appended
     * already); the files before and after are read.
     */
    private record Plan(int firstFile, int lastFile, int fromChunk, int lastChunk, boolean continues, long padding) {
    }

    /**
     * The padding rule. If the whole range fails it, the files sharing its worse edge chunk are
     * left to be read and the rest is tried again, so a changed or deleted file costs the reading of
     * its neighbours in at most one chunk on each side, not of the whole range. Null: read all.
     */
    private Plan plan(PxarEncoder encoder, List<CachedFile> files, boolean continued) {
        int i = 0;
        int j = files.size() - 1;
        while (i <= j) {
            long s = files.get(i).oldOffset();
            long e = files.get(j).end();
            int first = chunk(s);
            int last = chunk(e - 1);
            boolean continues = i == 0 && runLast >= 0 && encoder.payloadPosition() == runEndPosition
                    && first >= runFirst && first <= runLast + 1;
            int from = continues ? Math.max(first, runLast + 1) : first;
            if (from > last) {
                return new Plan(i, j, from, last, true, 0);
            }
            long start = index.chunkStart(from);
            long end = index.chunkEnd(last);
            long injected = end - start;
            long padding = injected - used(files, i, j, start, end);
            long tail = continued && j == files.size() - 1 ? end - e : 0;
            if (padding - tail <= PADDING_THRESHOLD * (injected - tail)) {
                return new Plan(i, j, from, last, continues, padding - tail);
            }
            long headWaste = continues ? 0 : index.chunkLength(from)
                    - used(files, i, j, index.chunkStart(from), index.chunkEnd(from));
            long tailWaste = tail > 0 ? 0 : index.chunkLength(last)
                    - used(files, i, j, index.chunkStart(last), index.chunkEnd(last));
            if (headWaste >= tailWaste && headWaste > 0) {
                long bound = index.chunkEnd(from);
                while (i <= j && files.get(i).oldOffset() < bound) {
                    i++;
                }
            } else if (tailWaste > 0) {
                long bound = index.chunkStart(last);
                while (j >= i && files.get(j).end() > bound) {
                    j--;
                }
            } else {
                return null; // the padding is in the middle (holes): read them all
            }
        }
        return null;
    }

    private static long used(List<CachedFile> files, int i, int j, long start, long end) {
        long used = 0;
        for (int k = i; k <= j; k++) {
            CachedFile f = files.get(k);
            used += Math.max(0, Math.min(f.end(), end) - Math.max(f.oldOffset(), start));
        }
        return used;
    }

    /** Appends the plan's previous chunks at the current payload position. */
    private void inject(PxarEncoder encoder, Plan plan) throws IOException {
        if (plan.fromChunk() > plan.lastChunk()) {
            return;
        }
        long start = index.chunkStart(plan.fromChunk());
        long injected = index.chunkEnd(plan.lastChunk()) - start;
        encoder.flush();
        long position = encoder.payloadPosition();
        long newStart = reuse.inject(plan.fromChunk(), plan.lastChunk(), position);
        encoder.advancePayload(newStart + injected - position);
        if (!plan.continues()) {
            runFirst = plan.fromChunk();
            runDelta = newStart - start;
        } else if (newStart - start != runDelta) {
            throw new IllegalStateException("payload run broken: chunk " + plan.fromChunk() + " appended at " + newStart);
        }
        runLast = plan.lastChunk();
        runEndPosition = encoder.payloadPosition();
        chunks += plan.lastChunk() - plan.fromChunk() + 1;
        chunkBytes += injected;
        paddingBytes += plan.padding();
    }

    private int chunk(long offset) {
        return index.chunkFromOffset(offset).orElseThrow(() -> new CorruptDataException(index.source(), offset,
                "payload offset outside the previous payload stream")).index();
    }

    private static String key(byte[] name) {
        return new String(name, StandardCharsets.ISO_8859_1);
    }
}
