package org.pbsj.core.catalog;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.pbsj.core.blob.BlobMagic;

/**
 * Streaming writer of a {@code .pcat1} catalog ({@code index-formats.md} §5), called by the
 * backup client as it walks the tree. Byte-exact with PBS's {@code CatalogWriter}.
 *
 * <pre>
 * magic 91fd60f9c46758d5
 * directory blocks, children before parents:
 *   varint table_len, then table = varint entry_count, entries
 *   entry = u8 type, varint name_len, name,
 *           'd': varint (block offset - child block offset), 'f': varint size, varint_i64 mtime
 * u64 LE offset of the root block
 * </pre>
 *
 * Only the entry lists of the open directories are held in memory; a directory's block is
 * written when it ends. Entries keep the order of the calls (the PBS client sorts them by raw
 * name before). Not thread-safe. {@link #close()} closes the stream without finishing.
 */
public final class CatalogWriter implements Closeable {
    /** Readers reject names this long or longer, so the writer does too. */
    public static final int MAX_NAME_LENGTH = 4095;
    public static final int TRAILER_SIZE = 8;

    /** An open directory: its name and its entries so far (directories with absolute block offsets). */
    private record OpenDir(byte[] name, List<CatalogEntry> entries) {
    }

    private final OutputStream out;
    private final Deque<OpenDir> stack = new ArrayDeque<>();
    private long position;
    private boolean finished;

    /** Writes the magic at once, as PBS does. */
    public CatalogWriter(OutputStream out) throws IOException {
        this.out = out;
        stack.push(new OpenDir(new byte[0], new ArrayList<>()));
        write(BlobMagic.bytes(BlobMagic.CATALOG_1_0));
    }

    /** Bytes written so far. */
    public long position() {
        return position;
    }

    /** Directory nesting below the root (0 = only the root is open). */
    public int depth() {
        return stack.size() - 1;
    }

    public void startDirectory(String name) {
        startDirectory(utf8(name));
    }

    public void startDirectory(byte[] name) {
        checkOpen();
        stack.push(new OpenDir(checkName(name), new ArrayList<>()));
    }

    /** Writes the top directory's block and adds a {@code d} entry for it to the parent. */
    public void endDirectory() throws IOException {
        checkOpen();
        if (stack.size() < 2) {
            throw new IllegalStateException("got unexpected end_directory level 0");
        }
        OpenDir dir = stack.pop();
        long start = writeBlock(dir);
        stack.peek().entries.add(CatalogEntry.directory(dir.name, start));
    }

    public void addFile(String name, long size, long mtime) {
        addFile(utf8(name), size, mtime);
    }

    /** A regular file; {@code size} is unsigned, {@code mtime} epoch seconds (may be negative). */
    public void addFile(byte[] name, long size, long mtime) {
        add(new CatalogEntry(CatalogEntryType.FILE, checkName(name), size, mtime, -1));
    }

    public void addSymlink(String name) {
        addSimple(CatalogEntryType.SYMLINK, utf8(name));
    }

    public void addHardlink(String name) {
        addSimple(CatalogEntryType.HARDLINK, utf8(name));
    }

    public void addBlockDevice(String name) {
        addSimple(CatalogEntryType.BLOCK_DEVICE, utf8(name));
    }

    public void addCharDevice(String name) {
        addSimple(CatalogEntryType.CHAR_DEVICE, utf8(name));
    }

    public void addFifo(String name) {
        addSimple(CatalogEntryType.FIFO, utf8(name));
    }

    public void addSocket(String name) {
        addSimple(CatalogEntryType.SOCKET, utf8(name));
    }

    /** An entry without data ({@code l h b c p s}) with a raw name. */
    public void addSimple(CatalogEntryType type, byte[] name) {
        if (type == CatalogEntryType.DIRECTORY || type == CatalogEntryType.FILE) {
            throw new IllegalArgumentException(type + " entries carry data; use startDirectory or addFile");
        }
        add(new CatalogEntry(type, checkName(name), 0, 0, -1));
    }

    private void add(CatalogEntry e) {
        checkOpen();
        stack.peek().entries.add(e);
    }

    /** Writes the root block and the trailer pointing at it, then flushes. */
    public void finish() throws IOException {
        checkOpen();
        if (stack.size() != 1) {
            throw new IllegalStateException("unbalanced directories: " + depth() + " still open");
        }
        long rootStart = writeBlock(stack.pop());
        byte[] trailer = new byte[TRAILER_SIZE];
        for (int i = 0; i < TRAILER_SIZE; i++) {
            trailer[i] = (byte) (rootStart >>> (8 * i));
        }
        write(trailer);
        out.flush();
        finished = true;
    }

    /** Encodes and writes one directory block at the current position; returns that position. */
    private long writeBlock(OpenDir dir) throws IOException {
        long start = position;
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        CatalogVarint.writeU64(table, dir.entries.size());
        for (CatalogEntry e : dir.entries) {
            table.write(e.type().letter());
            byte[] name = e.name();
            CatalogVarint.writeU64(table, name.length);
            table.write(name, 0, name.length);
            if (e.type() == CatalogEntryType.DIRECTORY) {
                CatalogVarint.writeU64(table, start - e.blockOffset());
            } else if (e.type() == CatalogEntryType.FILE) {
                CatalogVarint.writeU64(table, e.size());
                CatalogVarint.writeI64(table, e.mtime());
            }
        }
        ByteArrayOutputStream len = new ByteArrayOutputStream(CatalogVarint.MAX_U64_BYTES);
        CatalogVarint.writeU64(len, table.size());
        write(len.toByteArray());
        write(table.toByteArray());
        return start;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("catalog already finished");
        }
    }

    private static byte[] checkName(byte[] name) {
        if (name.length == 0 || name.length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("catalog entry name of " + name.length + " bytes (need 1 to "
                    + MAX_NAME_LENGTH + ")");
        }
        for (byte b : name) {
            if (b == 0 || b == '/') {
                throw new IllegalArgumentException("catalog entry name contains NUL or '/'");
            }
        }
        return name;
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        position += b.length;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
