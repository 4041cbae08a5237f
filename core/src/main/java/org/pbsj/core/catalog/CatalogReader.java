package org.pbsj.core.catalog;

import org.pbsj.core.io.ReadAt;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.pbsj.core.blob.BlobMagic;
import org.pbsj.core.error.CorruptDataException;

/**
 * Random-access reader of a {@code .pcat1} catalog ({@code index-formats.md} §5) over a
 * {@link ReadAt}: list a directory, look up a path, walk, find by glob.
 *
 * <p>Damaged input is reported as {@link CorruptDataException} naming the source and offset,
 * never as a hang or an unbounded allocation: every length is checked against the end of its
 * block before it is used, directory pointers must point strictly backwards (so following them
 * always ends), and a walk refuses to visit a block twice (so shared blocks cannot make it
 * exponential). Thread-safe if the {@link ReadAt} is.
 */
public final class CatalogReader {
    /** Readers reject names of this length or more (PBS's limit). */
    public static final int NAME_LENGTH_LIMIT = 4096;
    static final int MAGIC_SIZE = BlobMagic.SIZE;
    /** Magic, a root block of at least two bytes, trailer. */
    static final int MIN_SIZE = MAGIC_SIZE + 2 + CatalogWriter.TRAILER_SIZE;

    /** Called for each entry of a walk with its path (from the root, starting with '/'). */
    @FunctionalInterface
    public interface Visitor {
        /** @return false to skip the contents of a directory entry (ignored for other entries) */
        boolean visit(String path, CatalogEntry entry) throws IOException;
    }

    private final ReadAt in;
    private final String source;
    private final long dataEnd;
    private final long rootOffset;

    private CatalogReader(ReadAt in, String source, long dataEnd, long rootOffset) {
        this.in = in;
        this.source = source;
        this.dataEnd = dataEnd;
        this.rootOffset = rootOffset;
    }

    public static CatalogReader open(byte[] catalog, String source) throws IOException {
        return open(ReadAt.of(catalog), source);
    }

    public static CatalogReader open(ByteBuffer catalog, String source) throws IOException {
        return open(ReadAt.of(catalog), source);
    }

    /** Checks size, magic and the trailer's root pointer. */
    public static CatalogReader open(ReadAt in, String source) throws IOException {
        long size = in.size();
        if (size < MIN_SIZE) {
            throw new CorruptDataException(source, size, "catalog too small (" + size + " bytes)");
        }
        byte[] magic = read(in, source, 0, MAGIC_SIZE);
        if (BlobMagic.read(magic, 0) != BlobMagic.CATALOG_1_0) {
            throw new CorruptDataException(source, 0, "wrong catalog magic " + BlobMagic.hex(BlobMagic.read(magic, 0)));
        }
        long dataEnd = size - CatalogWriter.TRAILER_SIZE;
        long root = ByteBuffer.wrap(read(in, source, dataEnd, CatalogWriter.TRAILER_SIZE))
                .order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (root < MAGIC_SIZE || root > dataEnd - 2) {
            throw new CorruptDataException(source, dataEnd, "root block offset " + Long.toUnsignedString(root)
                    + " outside the catalog data [" + MAGIC_SIZE + ", " + (dataEnd - 2) + "]");
        }
        return new CatalogReader(in, source, dataEnd, root);
    }

    public String source() {
        return source;
    }

    public long rootOffset() {
        return rootOffset;
    }

    /** The root directory (no name): its entries are the archives of the snapshot. */
    public CatalogEntry root() {
        return CatalogEntry.directory(new byte[0], rootOffset);
    }

    /** Entries of a directory entry's block, in stored order. */
    public List<CatalogEntry> readDirectory(CatalogEntry dir) throws IOException {
        if (!dir.isDirectory()) {
            throw new IllegalArgumentException("not a directory: " + dir.nameString());
        }
        return readBlock(dir.blockOffset());
    }

    /**
     * Parses the block at {@code start}: {@code varint table_len, varint count, entries}, where
     * the entries must use up the table exactly.
     */
    public List<CatalogEntry> readBlock(long start) throws IOException {
        if (start < MAGIC_SIZE || start >= dataEnd) {
            throw new CorruptDataException(source, start, "directory block offset outside the catalog data");
        }
        BlockCursor c = new BlockCursor(in, source, start, dataEnd);
        long tableLen = CatalogVarint.readU64(c);
        long tableStart = c.position();
        if (tableLen < 1 || Long.compareUnsigned(tableLen, dataEnd - tableStart) > 0) {
            throw new CorruptDataException(source, start, "directory block length " + Long.toUnsignedString(tableLen)
                    + " impossible (" + (dataEnd - tableStart) + " bytes left before the trailer)");
        }
        long tableEnd = tableStart + tableLen;
        c.limit(tableEnd);
        long count = CatalogVarint.readU64(c);
        // each entry takes at least two bytes (type, name length): refuse absurd counts before looping
        if (Long.compareUnsigned(count, (tableEnd - c.position()) / 2) > 0) {
            throw new CorruptDataException(source, tableStart, "entry count " + Long.toUnsignedString(count)
                    + " cannot fit in a block of " + tableLen + " bytes");
        }
        List<CatalogEntry> entries = new ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            entries.add(readEntry(c, start));
        }
        if (c.position() != tableEnd) {
            throw new CorruptDataException(source, c.position(), "unable to parse whole catalog data block ("
                    + (tableEnd - c.position()) + " bytes left after " + count + " entries)");
        }
        return entries;
    }

    private CatalogEntry readEntry(BlockCursor c, long blockStart) {
        long at = c.position();
        int typeByte = c.readByte();
        CatalogEntryType type = CatalogEntryType.fromByte(typeByte);
        if (type == null) {
            throw new CorruptDataException(source, at, String.format("unknown catalog entry type 0x%02x", typeByte));
        }
        long nameLen = CatalogVarint.readU64(c);
        if (Long.compareUnsigned(nameLen, NAME_LENGTH_LIMIT) >= 0) {
            throw new CorruptDataException(source, at, "entry name too long (" + Long.toUnsignedString(nameLen) + " bytes)");
        }
        byte[] name = c.readBytes((int) nameLen);
        switch (type) {
            case DIRECTORY: {
                long back = CatalogVarint.readU64(c);
                // children are written before parents: the pointer must go backwards, and not into the magic
                if (back < 1 || back > blockStart - MAGIC_SIZE) {
                    throw new CorruptDataException(source, at, "directory '" + display(name) + "' points to offset "
                            + (blockStart - back) + ", outside [" + MAGIC_SIZE + ", " + blockStart + ")");
                }
                return CatalogEntry.directory(name, blockStart - back);
            }
            case FILE: {
                long size = CatalogVarint.readU64(c);
                long mtime = CatalogVarint.readI64(c);
                return new CatalogEntry(type, name, size, mtime, -1);
            }
            default:
                return new CatalogEntry(type, name, 0, 0, -1);
        }
    }

    // ------------------------------------------------------------------ paths

    /**
     * The entry at {@code path} ({@code /root.pxar.didx/etc/hosts}; empty or {@code /} is the
     * root; the leading slash is optional), or empty if some component does not exist.
     */
    public Optional<CatalogEntry> lookup(String path) throws IOException {
        CatalogEntry cur = root();
        for (String component : components(path)) {
            if (!cur.isDirectory()) {
                return Optional.empty();
            }
            byte[] want = component.getBytes(StandardCharsets.UTF_8);
            CatalogEntry next = null;
            for (CatalogEntry e : readBlock(cur.blockOffset())) {
                if (e.nameEquals(want)) {
                    next = e;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            cur = next;
        }
        return Optional.of(cur);
    }

    /** The entries of the directory at {@code path}. */
    public List<CatalogEntry> listDirectory(String path) throws IOException {
        CatalogEntry dir = lookup(path).orElseThrow(() -> new IllegalArgumentException(
                source + ": no such path in the catalog: " + path));
        if (!dir.isDirectory()) {
            throw new IllegalArgumentException(source + ": not a directory: " + path);
        }
        return readBlock(dir.blockOffset());
    }

    /**
     * Visits every entry below the directory at {@code start}, depth first in stored order
     * (a directory before its contents). Iterative, so deep trees cannot overflow the stack.
     *
     * @throws CorruptDataException if a directory block is reached twice
     */
    public void walk(String start, Visitor visitor) throws IOException {
        CatalogEntry dir = lookup(start).orElseThrow(() -> new IllegalArgumentException(
                source + ": no such path in the catalog: " + start));
        if (!dir.isDirectory()) {
            throw new IllegalArgumentException(source + ": not a directory: " + start);
        }
        String base = "/" + String.join("/", components(start));
        record Level(String path, Iterator<CatalogEntry> entries) {
        }
        Set<Long> seen = new HashSet<>();
        seen.add(dir.blockOffset());
        Deque<Level> stack = new ArrayDeque<>();
        stack.push(new Level(base.equals("/") ? "" : base, readBlock(dir.blockOffset()).iterator()));
        while (!stack.isEmpty()) {
            Level top = stack.peek();
            if (!top.entries.hasNext()) {
                stack.pop();
                continue;
            }
            CatalogEntry e = top.entries.next();
            String path = top.path + "/" + e.nameString();
            if (visitor.visit(path, e) && e.isDirectory()) {
                if (!seen.add(e.blockOffset())) {
                    throw new CorruptDataException(source, e.blockOffset(),
                            "directory block referenced twice (at " + path + ")");
                }
                stack.push(new Level(path, readBlock(e.blockOffset()).iterator()));
            }
        }
    }

    /** Paths below {@code start} whose entry matches {@code glob} (see {@link CatalogGlob}). */
    public List<String> find(String start, String glob) throws IOException {
        CatalogGlob g = CatalogGlob.compile(glob);
        String base = "/" + String.join("/", components(start));
        int strip = base.equals("/") ? 1 : base.length() + 1;
        List<String> out = new ArrayList<>();
        walk(start, (path, e) -> {
            if (g.matches(path.substring(strip), e.nameString())) {
                out.add(path);
            }
            return true;
        });
        return out;
    }

    static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return out;
    }

    private static String display(byte[] name) {
        return new String(name, StandardCharsets.UTF_8);
    }

    private static byte[] read(ReadAt in, String source, long pos, int len) throws IOException {
        byte[] b = new byte[len];
        try {
            in.readFully(pos, b, 0, len);
        } catch (EOFException e) {
            throw new CorruptDataException(source, pos, "unexpected end of file");
        }
        return b;
    }
}
