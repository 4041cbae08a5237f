package org.pbsj.core.pxar;

import org.pbsj.core.io.ReadAt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.pxar.ItemInput.Header;

import static org.pbsj.core.pxar.PxarFormat.*;

/**
 * Random access to a pxar archive on a seekable input (§6.1): finds children through the goodbye
 * tables, reads single entries and file contents without scanning the archive. Goodbye items are
 * read one by one during the search, so a table is never loaded as a whole.
 */
public final class PxarAccessor {
    private final ReadAt meta;
    private final long metaSize;
    private final ReadAt payload;
    private final long payloadSize;
    private final String source;

    private PxarAccessor(ReadAt meta, long metaSize, ReadAt payload, long payloadSize, String source) {
        this.meta = meta;
        this.metaSize = metaSize;
        this.payload = payload;
        this.payloadSize = payloadSize;
        this.source = source;
    }

    public static PxarAccessor open(ReadAt archive, long size, String source) {
        return new PxarAccessor(archive, size, null, 0, source);
    }

    public static PxarAccessor openSplit(ReadAt metadata, long metadataSize, ReadAt payload, long payloadSize,
            String source) {
        return new PxarAccessor(metadata, metadataSize, payload, payloadSize, source);
    }

    /** The root directory; its end offset is the archive size. */
    public Entry root() throws IOException {
        EntryReader.Start start = new EntryReader(input(0)).readStart();
        return start.root().entry().withEndOffset(metaSize);
    }

    /** Looks up a slash separated path from the root; empty components are ignored. */
    public Optional<Entry> lookup(String path) throws IOException {
        Entry e = root();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (e.kind() != EntryKind.DIRECTORY) {
                return Optional.empty();
            }
            Optional<Entry> child = lookup(e, part.getBytes(StandardCharsets.UTF_8));
            if (child.isEmpty()) {
                return child;
            }
            e = child.get();
        }
        return Optional.of(e);
    }

    /** The child {@code name} of directory {@code dir}, trying every goodbye item with its hash. */
    public Optional<Entry> lookup(Entry dir, byte[] name) throws IOException {
        Table t = table(dir);
        long hash = hashFilename(name);
        List<Integer> candidates = new ArrayList<>();
        collectMatches(t, hash, 0, candidates);
        for (int slot : candidates) {
            long[] item = t.item(slot);
            long fileOffset = childOffset(t, item, slot);
            ItemInput in = input(fileOffset);
            EntryReader r = new EntryReader(in);
            byte[] found = r.readFilename(in.readHeader("FILENAME"));
            if (Arrays.equals(found, name)) {
                return Optional.of(finish(dir, found, r, fileOffset, item[2]));
            }
        }
        return Optional.empty();
    }

    /** All children of {@code dir} in archive order. */
    public List<Entry> list(Entry dir) throws IOException {
        Table t = table(dir);
        List<Entry> children = new ArrayList<>();
        for (int slot = 0; slot < t.count; slot++) {
            long[] item = t.item(slot);
            long fileOffset = childOffset(t, item, slot);
            ItemInput in = input(fileOffset);
            EntryReader r = new EntryReader(in);
            byte[] name = r.readFilename(in.readHeader("FILENAME"));
            if (hashFilename(name) != item[0]) {
                throw corrupt(t.goodbyeOffset + HEADER_SIZE + (long) slot * GOODBYE_ITEM_SIZE, "goodbye hash mismatch");
            }
            children.add(finish(dir, name, r, fileOffset, item[2]));
        }
        children.sort(Comparator.comparingLong(Entry::fileOffset));
        return children;
    }

    /** The regular file a HARDLINK entry points at (found by offset; its path is "/" + the link's target path). */
    public Entry resolveHardlink(Entry link) throws IOException {
        if (link.kind() != EntryKind.HARDLINK) {
            throw new IllegalArgumentException("not a hardlink: " + link.pathString());
        }
        long target = link.fileOffset() - link.hardlinkOffset();
        ItemInput in = input(target);
        EntryReader r = new EntryReader(in);
        r.readFilename(in.readHeader("FILENAME"));
        Entry e = r.readChild(concat(new byte[] {'/'}, link.link()), target).entry();
        if (e.kind() != EntryKind.FILE) {
            throw corrupt(target, "hardlink " + link.pathString() + " does not point at a regular file");
        }
        return e;
    }

    /** Reads file content at {@code position} into {@code dst}; returns bytes read, -1 at the file's end. */
    public int read(Entry file, long position, ByteBuffer dst) throws IOException {
        long size = checkedContent(file);
        if (position >= size) {
            return -1;
        }
        ByteBuffer slice = dst.slice();
        int want = (int) Math.min(slice.remaining(), size - position);
        slice.limit(want);
        int n = (file.payloadRef() ? payload : meta).read(file.contentOffset() + position, slice);
        if (n < 0) {
            throw corrupt(file.contentOffset() + position, "file content truncated");
        }
        dst.position(dst.position() + n);
        return n;
    }

    /** The whole content of {@code file} as a stream. */
    public InputStream contents(Entry file) throws IOException {
        long size = checkedContent(file);
        ItemInput in = new ItemInput(ItemInput.stream(file.payloadRef() ? payload : meta, file.contentOffset(),
                file.contentOffset() + size), source, file.contentOffset());
        return new InputStream() {
            private long left = size;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = in.readSome(b, off, (int) Math.min(len, left));
                left -= n;
                return n;
            }
        };
    }

    /** Validates where a file's content lives; for split archives checks the PAYLOAD header. */
    private long checkedContent(Entry file) throws IOException {
        if (file.kind() != EntryKind.FILE) {
            throw new IllegalArgumentException("not a regular file: " + file.pathString());
        }
        long start = file.contentOffset();
        long size = file.fileSize();
        if (!file.payloadRef()) {
            if (start + size > metaSize) {
                throw corrupt(start, "file content beyond the archive end");
            }
            return size;
        }
        if (payload == null) {
            throw new IllegalStateException("split archive opened without its payload stream");
        }
        if (start + size > payloadSize) {
            throw corrupt(start, "payload reference beyond the payload stream end");
        }
        ItemInput in = new ItemInput(ItemInput.stream(payload, start - HEADER_SIZE, start), source + " (payload)",
                start - HEADER_SIZE);
        Header h = in.readHeader("PAYLOAD");
        if (h.type() != PAYLOAD || h.contentSize() != size) {
            throw in.corrupt(h.offset(), "payload reference does not point at a PAYLOAD of " + size + " bytes");
        }
        return size;
    }

    private Entry finish(Entry dir, byte[] name, EntryReader r, long fileOffset, long itemSize) throws IOException {
        byte[] path = dir.isRoot() ? concat(new byte[] {'/'}, name) : concat(dir.path(), concat(new byte[] {'/'}, name));
        Entry e = r.readChild(path, fileOffset).entry();
        if (e.kind() != EntryKind.DIRECTORY) {
            return e;
        }
        if (fileOffset + itemSize > dir.endOffset() - HEADER_SIZE - GOODBYE_ITEM_SIZE) {
            throw corrupt(fileOffset, "directory " + e.pathString() + " extends past its parent's goodbye table");
        }
        return e.withEndOffset(fileOffset + itemSize);
    }

    /** Checks a goodbye item; sizes may pass G for split-archive files (§6), so only directories check their end. */
    private long childOffset(Table t, long[] item, int slot) {
        long fileOffset = t.goodbyeOffset - item[1];
        if (item[1] <= 0 || fileOffset < t.entryOffset || item[2] < HEADER_SIZE) {
            throw corrupt(t.goodbyeOffset + HEADER_SIZE + (long) slot * GOODBYE_ITEM_SIZE, "goodbye item out of range");
        }
        return fileOffset;
    }

    /** Depth-first over the BST, following both sides on equal hashes (collisions). */
    private void collectMatches(Table t, long hash, int slot, List<Integer> out) throws IOException {
        while (slot < t.count) {
            int cmp = Long.compareUnsigned(hash, t.item(slot)[0]);
            if (cmp == 0) {
                out.add(slot);
                collectMatches(t, hash, 2 * slot + 1, out);
                slot = 2 * slot + 2;
            } else {
                slot = cmp < 0 ? 2 * slot + 1 : 2 * slot + 2;
            }
        }
    }

    private Table table(Entry dir) throws IOException {
        if (dir.kind() != EntryKind.DIRECTORY || dir.endOffset() < 0) {
            throw new IllegalArgumentException("not a directory from this accessor: " + dir.pathString());
        }
        long end = dir.endOffset();
        if (end < GOODBYE_ITEM_SIZE + HEADER_SIZE || end > metaSize) {
            throw corrupt(end, "directory end outside the archive");
        }
        ByteBuffer tail = readFully(end - GOODBYE_ITEM_SIZE, GOODBYE_ITEM_SIZE);
        long offset = tail.getLong(8);
        long size = tail.getLong(16);
        if (tail.getLong(0) != GOODBYE_TAIL_MARKER) {
            throw corrupt(end - GOODBYE_ITEM_SIZE, "missing goodbye tail marker");
        }
        if (size < HEADER_SIZE + GOODBYE_ITEM_SIZE || size > end - dir.fileOffset()
                || (size - HEADER_SIZE) % GOODBYE_ITEM_SIZE != 0) {
            throw corrupt(end - GOODBYE_ITEM_SIZE, "bad goodbye table size " + Long.toUnsignedString(size));
        }
        long g = end - size;
        ByteBuffer header = readFully(g, HEADER_SIZE);
        if (header.getLong(0) != GOODBYE || header.getLong(8) != size || offset < 0 || offset > g) {
            throw corrupt(g, "goodbye header does not match its tail");
        }
        // the tail points back at this directory's ENTRY (the root's counts as 0, §5.1)
        long entryOffset = dir.isRoot() ? 0 : dir.fileOffset() + HEADER_SIZE + dir.fileName().length + 1;
        if (g - offset != entryOffset) {
            throw corrupt(end - GOODBYE_ITEM_SIZE, "goodbye tail does not point back at the directory entry");
        }
        long count = (size - HEADER_SIZE) / GOODBYE_ITEM_SIZE - 1;
        if (count > Integer.MAX_VALUE / 4) {
            throw corrupt(g, "absurd goodbye table size");
        }
        return new Table(g, g - offset, (int) count);
    }

    private ByteBuffer readFully(long offset, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (meta.read(offset + b.position(), b) < 0) {
                throw corrupt(offset + b.position(), "truncated archive");
            }
        }
        return b.flip();
    }

    private ItemInput input(long offset) {
        return new ItemInput(ItemInput.stream(meta, offset, metaSize), source, offset);
    }

    private CorruptDataException corrupt(long offset, String message) {
        return new CorruptDataException(source, offset, message);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A goodbye table at {@code goodbyeOffset}; items are read on demand. */
    private final class Table {
        final long goodbyeOffset;
        final long entryOffset;
        final int count;

        Table(long goodbyeOffset, long entryOffset, int count) {
            this.goodbyeOffset = goodbyeOffset;
            this.entryOffset = entryOffset;
            this.count = count;
        }

        /** hash, relative offset, size of the item in {@code slot}. */
        long[] item(int slot) throws IOException {
            ByteBuffer b = readFully(goodbyeOffset + HEADER_SIZE + (long) slot * GOODBYE_ITEM_SIZE, GOODBYE_ITEM_SIZE);
            return new long[] {b.getLong(0), b.getLong(8), b.getLong(16)};
        }
    }
}
