package org.pbsj.core.pxar;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.pxar.ItemInput.Header;

import static org.pbsj.core.pxar.PxarFormat.*;

/**
 * Streaming pxar reader (§5, §9). {@link #next()} returns the entries in archive order: the root
 * {@code /}, then each child (directories before their children) and a {@link EntryKind#GOODBYE}
 * entry when a directory ends. While the current entry is a file, {@link #contents()} streams its
 * bytes; unread content is skipped by the next call.
 *
 * <p>Corrupt input throws {@link CorruptDataException} naming the offset; every allocation is
 * bounded by the per-item limits of §2, so hostile sizes neither exhaust memory nor hang.
 * Goodbye tables are checked for their item count and tail, not for their individual items
 * ({@link PxarAccessor} uses them).
 */
public final class PxarDecoder implements AutoCloseable {
    /** Our bounds on nesting and path length, against hostile archives. */
    static final int MAX_DEPTH = 4096;
    static final int MAX_PATH = 1 << 20;

    private final ItemInput in;
    private final ItemInput payload;
    private final EntryReader reader;
    private final Deque<Dir> dirs = new ArrayDeque<>();
    private int version;
    private byte[] prelude;
    private boolean started;
    private boolean done;
    private Header pending;
    private ContentStream content;
    private Entry current;

    private PxarDecoder(InputStream in, InputStream payloadIn, String source) {
        this.in = new ItemInput(in, source, 0);
        this.payload = payloadIn == null ? null : new ItemInput(payloadIn, source + " (payload)", 0);
        this.reader = new EntryReader(this.in);
    }

    /** A version 1 archive, or the metadata stream of a split archive alone (no file contents). */
    public static PxarDecoder open(InputStream in, String source) {
        return new PxarDecoder(in, null, source);
    }

    /** A split (version 2) archive: metadata stream and payload stream. */
    public static PxarDecoder openSplit(InputStream metadata, InputStream payload, String source) {
        return new PxarDecoder(metadata, payload, source);
    }

    /** Format version (1 or 2); valid after the first {@link #next()}. */
    public int formatVersion() {
        return version;
    }

    /** PRELUDE content or null; valid after the first {@link #next()}. */
    public byte[] prelude() {
        return prelude == null ? null : prelude.clone();
    }

    /** The next entry, or null after the root directory's goodbye. */
    public Entry next() throws IOException {
        if (done) {
            return null;
        }
        finishContent();
        current = null;
        if (!started) {
            started = true;
            EntryReader.Start start = reader.readStart();
            version = start.version();
            prelude = start.prelude();
            pending = start.root().pending();
            dirs.push(new Dir(start.root().entry().path(), 0));
            return start.root().entry();
        }
        Header h = pending != null ? pending : in.readHeader("FILENAME or GOODBYE");
        pending = null;
        Dir dir = dirs.peek();
        if (h.type() == GOODBYE) {
            checkGoodbye(h, dir);
            dirs.pop();
            done = dirs.isEmpty();
            return new Entry(dir.path, EntryKind.GOODBYE, Metadata.NONE, 0, -1, false, null, 0, 0, 0, h.offset(),
                    in.position());
        }
        byte[] name = reader.readFilename(h);
        byte[] path = childPath(dir.path, name, h.offset());
        dir.children++;
        EntryReader.Parsed p = reader.readChild(path, h.offset());
        Entry e = p.entry();
        pending = p.pending();
        if (e.kind() == EntryKind.DIRECTORY) {
            if (dirs.size() >= MAX_DEPTH) {
                throw in.corrupt(h.offset(), "directories nested deeper than " + MAX_DEPTH);
            }
            dirs.push(new Dir(path, h.offset() + h.fullSize()));
        } else if (e.kind() == EntryKind.FILE) {
            content = openContent(e, h.offset());
        }
        current = e;
        return e;
    }

    /** Content of the current FILE entry; valid until the next {@link #next()} call. */
    public InputStream contents() {
        if (content == null) {
            throw new IllegalStateException(current != null && current.kind() == EntryKind.FILE
                    ? "file content is in the payload stream, which was not given" : "current entry is not a file");
        }
        return content;
    }

    /** Does not close the underlying streams (the caller owns them). */
    @Override
    public void close() {
        done = true;
    }

    private ContentStream openContent(Entry e, long fileOffset) throws IOException {
        if (!e.payloadRef()) {
            if (version == 2 && payload != null) {
                throw in.corrupt(fileOffset, "PAYLOAD item inside the metadata stream of a split archive");
            }
            return new ContentStream(in, e.fileSize());
        }
        if (version != 2) {
            throw in.corrupt(fileOffset, "PAYLOAD_REF in a version 1 archive");
        }
        if (payload == null) {
            return null; // metadata-only decoding; contents() reports the missing stream
        }
        if (payload.position() == 0) {
            Header start = payload.readHeader("payload start marker");
            if (start.type() != PAYLOAD_START_MARKER || start.contentSize() != 0) {
                throw payload.corrupt(0, "payload stream does not start with PAYLOAD_START_MARKER");
            }
        }
        long headerOffset = e.contentOffset() - HEADER_SIZE;
        if (headerOffset < payload.position()) {
            throw in.corrupt(fileOffset, "payload reference " + headerOffset + " goes backwards (stream at "
                    + payload.position() + ")");
        }
        payload.skip(headerOffset - payload.position());
        Header h = payload.readHeader("PAYLOAD");
        if (h.type() != PAYLOAD || h.contentSize() != e.fileSize()) {
            throw payload.corrupt(headerOffset, "payload reference of " + e.pathString()
                    + " does not point at a PAYLOAD of " + e.fileSize() + " bytes");
        }
        return new ContentStream(payload, e.fileSize());
    }

    private void finishContent() throws IOException {
        if (content != null) {
            content.skipRest();
            content = null;
        }
    }

    /** Goodbye = (children + 1) items of 24 bytes, the last one the tail pointing back to the ENTRY. */
    private void checkGoodbye(Header h, Dir dir) throws IOException {
        long expected = (long) GOODBYE_ITEM_SIZE * (dir.children + 1);
        if (h.contentSize() != expected) {
            throw in.corrupt(h.offset(), "goodbye table of " + h.contentSize() + " bytes, expected " + expected
                    + " for " + dir.children + " entries");
        }
        in.skip(expected - GOODBYE_ITEM_SIZE);
        byte[] tail = new byte[GOODBYE_ITEM_SIZE];
        in.readFully(tail, 0, tail.length);
        long marker = ItemInput.getLong(tail, 0);
        long offset = ItemInput.getLong(tail, 8);
        long size = ItemInput.getLong(tail, 16);
        if (marker != GOODBYE_TAIL_MARKER || offset != h.offset() - dir.entryOffset || size != h.fullSize()) {
            throw in.corrupt(h.end() - GOODBYE_ITEM_SIZE, "bad goodbye tail");
        }
    }

    private byte[] childPath(byte[] parent, byte[] name, long offset) {
        boolean root = parent.length == 1;
        int len = (root ? 1 : parent.length + 1) + name.length;
        if (len > MAX_PATH) {
            throw in.corrupt(offset, "path longer than " + MAX_PATH + " bytes");
        }
        byte[] p = Arrays.copyOf(parent, len);
        p[len - name.length - 1] = '/';
        System.arraycopy(name, 0, p, len - name.length, name.length);
        return p;
    }

    private static final class Dir {
        final byte[] path;
        final long entryOffset;
        long children;

        Dir(byte[] path, long entryOffset) {
            this.path = path;
            this.entryOffset = entryOffset;
        }
    }

    /** The current file's bytes; reading past them is EOF, a short archive is corrupt. */
    private static final class ContentStream extends InputStream {
        private final ItemInput source;
        private long remaining;

        ContentStream(ItemInput source, long size) {
            this.source = source;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = source.readSome(b, off, (int) Math.min(len, remaining));
            remaining -= n;
            return n;
        }

        void skipRest() throws IOException {
            source.skip(remaining);
            remaining = 0;
        }
    }
}
