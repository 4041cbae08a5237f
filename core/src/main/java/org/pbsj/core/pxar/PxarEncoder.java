package org.pbsj.core.pxar;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Streaming pxar writer (§5–§9). Version 1 writes one stream; version 2 ("split") writes a metadata
 * stream (FORMAT_VERSION, optional PRELUDE, PAYLOAD_REF items) and a payload stream (start marker,
 * PAYLOAD items, tail marker). The caller adds children in the order they should appear (PBS:
 * byte-wise sorted names), opens and closes directories, and calls {@link #finish()}.
 *
 * <p>Programming errors (invalid name, wrong file type for the method, writing while a file is
 * open, too many/few content bytes) throw {@link IllegalArgumentException} or
 * {@link IllegalStateException}. After any exception the encoder is unusable.
 */
public final class PxarEncoder implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final ItemWriter meta;
    private final ItemWriter payload;
    private final Deque<Dir> dirs = new ArrayDeque<>();
    private FileWriter openFile;
    private boolean finished;
    private boolean failed;

    private PxarEncoder(OutputStream metaOut, OutputStream payloadOut, Metadata root, byte[] prelude) throws IOException {
        this.meta = new ItemWriter(new BufferedOutputStream(metaOut, BUFFER));
        this.payload = payloadOut == null ? null : new ItemWriter(new BufferedOutputStream(payloadOut, BUFFER));
        requireKind(root, EntryKind.DIRECTORY);
        if (payload != null) {
            meta.u64Item(PxarFormat.FORMAT_VERSION, PxarFormat.VERSION_2);
            if (prelude != null) {
                meta.item(PxarFormat.PRELUDE, prelude);
            }
            payload.header(PxarFormat.PAYLOAD_START_MARKER, 0);
        }
        writeMetadata(root);
        // §5.1: the root's entry offset is 0 even when FORMAT_VERSION/PRELUDE precede it.
        dirs.push(new Dir(0, 0, 0));
    }

    /** A version 1 archive of the directory with metadata {@code root}. */
    public static PxarEncoder create(OutputStream out, Metadata root) throws IOException {
        return new PxarEncoder(out, null, root, null);
    }

    /** A version 2 split archive; {@code prelude} (may be null) is stored as PRELUDE. */
    public static PxarEncoder createSplit(OutputStream metadataOut, OutputStream payloadOut, Metadata root,
            byte[] prelude) throws IOException {
        return new PxarEncoder(metadataOut, payloadOut, root, prelude == null ? null : prelude.clone());
    }

    public boolean isSplit() {
        return payload != null;
    }

    /** Current position in the (metadata) stream. */
    public long position() {
        return meta.position();
    }

    /** Current position in the payload stream (split archives). */
    public long payloadPosition() {
        requireSplit();
        return payload.position();
    }

    /** Adds a regular file with in-memory content; returns its FILENAME offset (hardlink target). */
    public long addFile(byte[] name, Metadata metadata, byte[] content) throws IOException {
        try (FileWriter w = beginFile(name, metadata, content.length)) {
            w.write(content);
            return w.fileOffset();
        }
    }

    /**
     * Starts a regular file of exactly {@code size} bytes; write them to the returned stream and
     * close it before adding anything else.
     */
    public FileWriter beginFile(byte[] name, Metadata metadata, long size) throws IOException {
        requireKind(metadata, EntryKind.FILE);
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        long fileOffset = beginChild(name, metadata);
        ItemWriter target = meta;
        long sizeBase;
        if (payload != null) {
            meta.u64Item(PxarFormat.PAYLOAD_REF, payload.position(), size);
            sizeBase = meta.position() - fileOffset + size; // split quirk of §6: counts the payload size
            payload.header(PxarFormat.PAYLOAD, size);
            target = payload;
        } else {
            meta.header(PxarFormat.PAYLOAD, size);
            sizeBase = -1;
        }
        openFile = new FileWriter(name, fileOffset, size, target, sizeBase);
        return openFile;
    }

    /**
     * Split archives, change detection "metadata" (§9.3): a file whose payload was injected into the
     * payload stream by the caller; {@code payloadOffset} is the offset of its PAYLOAD header there.
     */
    public long addReusedFile(byte[] name, Metadata metadata, long size, long payloadOffset) throws IOException {
        requireSplit();
        requireKind(metadata, EntryKind.FILE);
        if (size < 0 || payloadOffset < PxarFormat.HEADER_SIZE || payloadOffset > payload.position() - size - 16) {
            throw new IllegalArgumentException("payload reference outside the written payload stream");
        }
        long fileOffset = beginChild(name, metadata);
        meta.u64Item(PxarFormat.PAYLOAD_REF, payloadOffset, size);
        endChild(name, fileOffset, meta.position() - fileOffset);
        return fileOffset;
    }

    /** Flushes buffered items to the sinks (e.g. before the caller injects payload data itself). */
    public void flush() throws IOException {
        meta.flush();
        if (payload != null) {
            payload.flush();
        }
    }

    /**
     * Split archives: counts {@code bytes} the caller appended to the payload stream itself (after
     * a {@link #flush()}), e.g. reused chunks of a previous snapshot.
     */
    public void advancePayload(long bytes) {
        requireSplit();
        checkIdle();
        if (bytes < 0) {
            throw new IllegalArgumentException("negative advance");
        }
        payload.advance(bytes);
    }

    public void addSymlink(byte[] name, Metadata metadata, byte[] target) throws IOException {
        requireKind(metadata, EntryKind.SYMLINK);
        requirePathBytes(target, "symlink target");
        long fileOffset = beginChild(name, metadata);
        meta.itemWithNul(PxarFormat.SYMLINK, target);
        endChild(name, fileOffset, meta.position() - fileOffset);
    }

    public void addDevice(byte[] name, Metadata metadata, long major, long minor) throws IOException {
        requireKind(metadata, EntryKind.DEVICE);
        long fileOffset = beginChild(name, metadata);
        meta.u64Item(PxarFormat.DEVICE, major, minor);
        endChild(name, fileOffset, meta.position() - fileOffset);
    }

    public void addFifo(byte[] name, Metadata metadata) throws IOException {
        requireKind(metadata, EntryKind.FIFO);
        long fileOffset = beginChild(name, metadata);
        endChild(name, fileOffset, meta.position() - fileOffset);
    }

    public void addSocket(byte[] name, Metadata metadata) throws IOException {
        requireKind(metadata, EntryKind.SOCKET);
        long fileOffset = beginChild(name, metadata);
        endChild(name, fileOffset, meta.position() - fileOffset);
    }

    /**
     * A hardlink to a regular file written earlier at {@code targetFileOffset} (the value returned
     * by {@link #addFile}/{@link FileWriter#fileOffset()}); {@code targetPath} is that file's path
     * relative to the root without a leading '/', as PBS stores it.
     */
    public void addHardlink(byte[] name, byte[] targetPath, long targetFileOffset) throws IOException {
        requirePathBytes(targetPath, "hardlink target");
        checkIdle();
        requireName(name);
        long fileOffset = meta.position();
        if (targetFileOffset <= 0 || targetFileOffset >= fileOffset) {
            throw new IllegalArgumentException("hardlinks can only point back to a file written before");
        }
        meta.itemWithNul(PxarFormat.FILENAME, name);
        meta.header(PxarFormat.HARDLINK, 8L + targetPath.length + 1);
        meta.u64(fileOffset - targetFileOffset);
        meta.bytes(targetPath, 0, targetPath.length);
        meta.bytes(new byte[1], 0, 1);
        endChild(name, fileOffset, meta.position() - fileOffset);
    }

    public void beginDirectory(byte[] name, Metadata metadata) throws IOException {
        requireKind(metadata, EntryKind.DIRECTORY);
        long fileOffset = meta.position();
        beginChild(name, metadata);
        dirs.push(new Dir(fileOffset, fileOffset + PxarFormat.HEADER_SIZE + name.length + 1,
                PxarFormat.hashFilename(name)));
    }

    public void endDirectory() throws IOException {
        checkIdle();
        if (dirs.size() <= 1) {
            throw new IllegalStateException("no open directory below the root; use finish()");
        }
        Dir d = dirs.pop();
        GoodbyeTable.write(meta, d.hashes, d.offsets, d.sizes, d.count, d.entryOffset);
        dirs.peek().add(d.nameHash, d.fileOffset, meta.position() - d.fileOffset);
    }

    /** Closes all open directories, writes the root's goodbye table and the payload tail, flushes. */
    public void finish() throws IOException {
        checkIdle();
        while (dirs.size() > 1) {
            endDirectory();
        }
        Dir root = dirs.pop();
        GoodbyeTable.write(meta, root.hashes, root.offsets, root.sizes, root.count, root.entryOffset);
        if (payload != null) {
            payload.header(PxarFormat.PAYLOAD_TAIL_MARKER, 0);
            payload.flush();
        }
        meta.flush();
        finished = true;
    }

    /** Finishes the archive unless it is finished or broken; does not close the streams. */
    @Override
    public void close() throws IOException {
        if (!finished && !failed && openFile == null) {
            finish();
        }
    }

    private long beginChild(byte[] name, Metadata metadata) throws IOException {
        checkIdle();
        requireName(name);
        long fileOffset = meta.position();
        failed = true; // cleared when the items are complete: a half-written entry breaks the archive
        meta.itemWithNul(PxarFormat.FILENAME, name);
        writeMetadata(metadata);
        failed = false;
        return fileOffset;
    }

    private void endChild(byte[] name, long fileOffset, long size) {
        dirs.peek().add(PxarFormat.hashFilename(name), fileOffset, size);
    }

    /** ENTRY and the metadata items in the writer order of §5. */
    private void writeMetadata(Metadata m) throws IOException {
        meta.stat(m);
        for (Xattr x : m.xattrs()) {
            byte[] n = x.name();
            byte[] v = x.value();
            meta.header(PxarFormat.XATTR, n.length + 1L + v.length);
            meta.bytes(n, 0, n.length);
            meta.bytes(new byte[1], 0, 1);
            meta.bytes(v, 0, v.length);
        }
        Acl acl = m.acl();
        for (Acl.Entry e : acl.users()) {
            meta.u64Item(PxarFormat.ACL_USER, e.id(), e.permissions());
        }
        for (Acl.Entry e : acl.groups()) {
            meta.u64Item(PxarFormat.ACL_GROUP, e.id(), e.permissions());
        }
        if (acl.groupObj() != null) {
            meta.u64Item(PxarFormat.ACL_GROUP_OBJ, acl.groupObj());
        }
        Acl.Default d = acl.defaultAcl();
        if (d != null) {
            meta.u64Item(PxarFormat.ACL_DEFAULT, d.userObj(), d.groupObj(), d.other(), d.mask());
        }
        for (Acl.Entry e : acl.defaultUsers()) {
            meta.u64Item(PxarFormat.ACL_DEFAULT_USER, e.id(), e.permissions());
        }
        for (Acl.Entry e : acl.defaultGroups()) {
            meta.u64Item(PxarFormat.ACL_DEFAULT_GROUP, e.id(), e.permissions());
        }
        byte[] fcaps = m.fcaps();
        if (fcaps != null) {
            meta.item(PxarFormat.FCAPS, fcaps);
        }
        if (m.quotaProjectId() != null) {
            meta.u64Item(PxarFormat.QUOTA_PROJID, m.quotaProjectId());
        }
    }

    private void checkIdle() {
        if (failed) {
            throw new IllegalStateException("encoder failed earlier");
        }
        if (finished) {
            throw new IllegalStateException("archive already finished");
        }
        if (openFile != null) {
            throw new IllegalStateException("file content of " + new String(openFile.name) + " not complete");
        }
    }

    private void requireSplit() {
        if (payload == null) {
            throw new IllegalStateException("only for split (version 2) archives");
        }
    }

    private static void requireName(byte[] name) {
        if (!PxarFormat.isValidFilename(name)) {
            throw new IllegalArgumentException("invalid file name: " + new String(name));
        }
    }

    private static void requirePathBytes(byte[] path, String what) {
        if (path.length > PxarFormat.MAX_PATH_BYTES || Xattr.indexOfNul(path) >= 0) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }

    private static void requireKind(Metadata m, EntryKind kind) {
        if (m.kind() != kind) {
            throw new IllegalArgumentException("mode 0" + Long.toOctalString(m.mode()) + " is not a " + kind);
        }
    }

    /** Content sink of a regular file; closing it completes the entry. */
    public final class FileWriter extends OutputStream {
        private final byte[] name;
        private final long fileOffset;
        private final ItemWriter target;
        private final long splitSize;
        private long remaining;

        private FileWriter(byte[] name, long fileOffset, long size, ItemWriter target, long splitSize) {
            this.name = name;
            this.fileOffset = fileOffset;
            this.remaining = size;
            this.target = target;
            this.splitSize = splitSize;
        }

        /** The FILENAME offset, to pass to {@link #addHardlink}. */
        public long fileOffset() {
            return fileOffset;
        }

        /** Bytes still expected. */
        public long remaining() {
            return remaining;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (openFile != this) {
                throw new IllegalStateException("file already closed");
            }
            if (len > remaining) {
                throw new IllegalStateException("more content than the declared size");
            }
            target.bytes(b, off, len);
            remaining -= len;
        }

        /** Completes the entry; throws if fewer bytes than declared were written. */
        @Override
        public void close() throws IOException {
            if (openFile != this) {
                return;
            }
            if (remaining != 0) {
                failed = true;
                openFile = null;
                throw new IllegalStateException(remaining + " content bytes missing for " + new String(name));
            }
            openFile = null;
            endChild(name, fileOffset, splitSize >= 0 ? splitSize : meta.position() - fileOffset);
        }
    }

    /** An open directory and the goodbye items of its finished children. */
    private static final class Dir {
        final long fileOffset;
        final long entryOffset;
        final long nameHash;
        long[] hashes = new long[8];
        long[] offsets = new long[8];
        long[] sizes = new long[8];
        int count;

        Dir(long fileOffset, long entryOffset, long nameHash) {
            this.fileOffset = fileOffset;
            this.entryOffset = entryOffset;
            this.nameHash = nameHash;
        }

        void add(long hash, long offset, long size) {
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            hashes[count] = hash;
            offsets[count] = offset;
            sizes[count] = size;
            count++;
        }
    }
}
