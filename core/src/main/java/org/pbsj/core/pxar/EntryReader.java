package org.pbsj.core.pxar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.pbsj.core.error.UnsupportedFormatException;
import org.pbsj.core.pxar.ItemInput.Header;

import static org.pbsj.core.pxar.PxarFormat.*;

/**
 * Decodes the items of one entry (FILENAME, ENTRY or HARDLINK, metadata items, the kind's final
 * item) for both the streaming {@link PxarDecoder} and the random-access {@link PxarAccessor}.
 * File content is not consumed: the entry reports where it is.
 */
final class EntryReader {
    /** Our bound on the metadata items of one entry, so that a hostile archive cannot exhaust memory. */
    static final long MAX_METADATA_BYTES = 16 << 20;

    /** A decoded entry and, for directories/fifos/sockets, the already read next header (or null at EOF). */
    record Parsed(Entry entry, Header pending) {
    }

    /** The archive start: format version, prelude (or null) and the root directory. */
    record Start(int version, byte[] prelude, Parsed root) {
    }

    private final ItemInput in;

    EntryReader(ItemInput in) {
        this.in = in;
    }

    Start readStart() throws IOException {
        Header h = in.readHeader("root entry");
        int version = 1;
        byte[] prelude = null;
        if (h.type() == FORMAT_VERSION) {
            long v = in.readExact(h, 8, "format version").getLong(0);
            if (v != VERSION_2) {
                throw new UnsupportedFormatException(in.source(), h.offset(), "unsupported pxar format version " + v);
            }
            version = 2;
            h = in.readHeader("root entry");
            if (h.type() == PRELUDE) {
                prelude = in.readContent(h, MAX_PRELUDE_CONTENT, "prelude");
                h = in.readHeader("root entry");
            }
        }
        Parsed root = readEntry(h, new byte[] {'/'}, 0);
        if (root.entry().kind() != EntryKind.DIRECTORY) {
            throw in.corrupt(h.offset(), "archive root is not a directory");
        }
        return new Start(version, prelude, root);
    }

    /** Reads FILENAME content of {@code h} and validates it (§5). */
    byte[] readFilename(Header h) throws IOException {
        if (h.type() != FILENAME) {
            throw in.corrupt(h.offset(), "expected FILENAME, got item type 0x" + Long.toHexString(h.type()));
        }
        byte[] raw = in.readContent(h, MAX_FILENAME_CONTENT, "filename");
        byte[] name = stripNul(raw, h, "filename");
        if (!isValidFilename(name)) {
            throw in.corrupt(h.offset(), "invalid file name in archive");
        }
        return name;
    }

    /** Reads a child after its FILENAME: either a HARDLINK or an ENTRY with its items. */
    Parsed readChild(byte[] path, long fileOffset) throws IOException {
        Header h = in.readHeader("entry");
        if (h.type() == HARDLINK) {
            byte[] raw = in.readContent(h, MAX_HARDLINK_CONTENT, "hardlink");
            if (raw.length < 9) {
                throw in.corrupt(h.offset(), "hardlink item too short");
            }
            long offset = ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (offset <= 0 || offset > fileOffset) {
                throw in.corrupt(h.offset(), "hardlink offset " + Long.toUnsignedString(offset) + " points outside the archive");
            }
            byte[] target = stripNul(Arrays.copyOfRange(raw, 8, raw.length), h, "hardlink target");
            Entry e = new Entry(path, EntryKind.HARDLINK, Metadata.NONE, 0, -1, false, target, offset, 0, 0,
                    fileOffset, in.position());
            return new Parsed(e, null);
        }
        return readEntry(h, path, fileOffset);
    }

    private Parsed readEntry(Header h, byte[] path, long fileOffset) throws IOException {
        long mode;
        long flags;
        long uid;
        long gid;
        long secs;
        int nanos;
        if (h.type() == ENTRY) {
            ByteBuffer b = in.readExact(h, STAT_SIZE, "entry");
            mode = b.getLong(0);
            flags = b.getLong(8);
            uid = b.getInt(16) & 0xffffffffL;
            gid = b.getInt(20) & 0xffffffffL;
            secs = b.getLong(24);
            nanos = b.getInt(32);
            if (nanos < 0 || nanos > 999_999_999) {
                throw in.corrupt(h.offset(), "mtime nanoseconds out of range: " + Integer.toUnsignedString(nanos));
            }
        } else if (h.type() == ENTRY_V1) {
            ByteBuffer b = in.readExact(h, STAT_V1_SIZE, "entry (v1)");
            mode = b.getLong(0);
            flags = b.getLong(8);
            uid = b.getInt(16) & 0xffffffffL;
            gid = b.getInt(20) & 0xffffffffL;
            long mtime = b.getLong(24); // unsigned nanoseconds since the epoch
            secs = Long.divideUnsigned(mtime, 1_000_000_000L);
            nanos = (int) Long.remainderUnsigned(mtime, 1_000_000_000L);
        } else {
            throw in.corrupt(h.offset(), "expected ENTRY, got item type 0x" + Long.toHexString(h.type()));
        }
        EntryKind kind = EntryKind.ofMode(mode);
        if (kind == null) {
            throw in.corrupt(h.offset(), "unknown file type in mode 0" + Long.toOctalString(mode));
        }
        MetadataItems items = new MetadataItems();
        Header next = items.read();
        Metadata meta = new Metadata(mode, flags, uid, gid, secs, nanos, items.xattrs, items.acl(), items.fcaps,
                items.projid);
        switch (kind) {
            case FILE:
                return new Parsed(readFileContentRef(next, path, meta, fileOffset), null);
            case SYMLINK: {
                requireType(next, SYMLINK, "SYMLINK");
                byte[] target = stripNul(in.readContent(next, MAX_FILENAME_CONTENT, "symlink"), next, "symlink target");
                return new Parsed(new Entry(path, kind, meta, 0, -1, false, target, 0, 0, 0, fileOffset,
                        in.position()), null);
            }
            case DEVICE: {
                requireType(next, DEVICE, "DEVICE");
                ByteBuffer b = in.readExact(next, 16, "device");
                return new Parsed(new Entry(path, kind, meta, 0, -1, false, null, 0, b.getLong(0), b.getLong(8),
                        fileOffset, in.position()), null);
            }
            default: {
                // DIRECTORY, FIFO, SOCKET: the next item belongs to a sibling, a child or a goodbye
                if (next != null && next.type() != FILENAME && next.type() != GOODBYE) {
                    throw in.corrupt(next.offset(), "unexpected item type 0x" + Long.toHexString(next.type())
                            + " after " + kind + " metadata");
                }
                long end = next == null ? in.position() : next.offset();
                return new Parsed(new Entry(path, kind, meta, 0, -1, false, null, 0, 0, 0, fileOffset,
                        kind == EntryKind.DIRECTORY ? -1 : end), next);
            }
        }
    }

    private Entry readFileContentRef(Header next, byte[] path, Metadata meta, long fileOffset) throws IOException {
        if (next != null && next.type() == PAYLOAD) {
            return new Entry(path, EntryKind.FILE, meta, next.contentSize(), in.position(), false, null, 0, 0, 0,
                    fileOffset, next.end());
        }
        requireType(next, PAYLOAD_REF, "PAYLOAD or PAYLOAD_REF");
        ByteBuffer b = in.readExact(next, 16, "payload reference");
        long offset = b.getLong(0);
        long size = b.getLong(8);
        if (offset < HEADER_SIZE || size < 0 || offset + HEADER_SIZE + size < 0) {
            throw in.corrupt(next.offset(), "absurd payload reference " + Long.toUnsignedString(offset) + "+"
                    + Long.toUnsignedString(size));
        }
        return new Entry(path, EntryKind.FILE, meta, size, offset + HEADER_SIZE, true, null, 0, 0, 0, fileOffset,
                in.position());
    }

    private void requireType(Header h, long type, String name) {
        if (h == null) {
            throw in.corrupt(in.position(), "truncated archive: expected " + name);
        }
        if (h.type() != type) {
            throw in.corrupt(h.offset(), "expected " + name + ", got item type 0x" + Long.toHexString(h.type()));
        }
    }

    private byte[] stripNul(byte[] raw, Header h, String what) {
        int nul = Xattr.indexOfNul(raw);
        if (nul < 0 || nul != raw.length - 1) {
            throw in.corrupt(h.offset(), what + " must end with exactly one NUL byte");
        }
        return Arrays.copyOf(raw, nul);
    }

    /** Metadata items in any order (as the reference decoder accepts), rejecting duplicate singletons. */
    private final class MetadataItems {
        final List<Xattr> xattrs = new ArrayList<>();
        final List<Acl.Entry> users = new ArrayList<>();
        final List<Acl.Entry> groups = new ArrayList<>();
        final List<Acl.Entry> defaultUsers = new ArrayList<>();
        final List<Acl.Entry> defaultGroups = new ArrayList<>();
        Long groupObj;
        Acl.Default defaultAcl;
        byte[] fcaps;
        Long projid;
        long budget = MAX_METADATA_BYTES;

        /** Reads items up to the first non-metadata header, which is returned (null at EOF). */
        Header read() throws IOException {
            while (true) {
                Header h = in.readHeaderOrEof();
                if (h == null) {
                    return null;
                }
                long t = h.type();
                if (isMetadata(t)) {
                    budget -= h.fullSize();
                    if (budget < 0) {
                        throw in.corrupt(h.offset(), "metadata of one entry exceeds " + MAX_METADATA_BYTES + " bytes");
                    }
                }
                if (t == XATTR) {
                    xattrs.add(xattr(h));
                } else if (t == ACL_USER || t == ACL_GROUP || t == ACL_DEFAULT_USER || t == ACL_DEFAULT_GROUP) {
                    ByteBuffer b = in.readExact(h, 16, "ACL entry");
                    Acl.Entry e = new Acl.Entry(b.getLong(0), b.getLong(8));
                    (t == ACL_USER ? users : t == ACL_GROUP ? groups : t == ACL_DEFAULT_USER ? defaultUsers
                            : defaultGroups).add(e);
                } else if (t == ACL_GROUP_OBJ) {
                    long v = in.readExact(h, 8, "ACL group obj").getLong(0);
                    groupObj = once(groupObj, h, "ACL_GROUP_OBJ", v);
                } else if (t == ACL_DEFAULT) {
                    ByteBuffer b = in.readExact(h, 32, "ACL default");
                    defaultAcl = once(defaultAcl, h, "ACL_DEFAULT",
                            new Acl.Default(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24)));
                } else if (t == FCAPS) {
                    fcaps = once(fcaps, h, "FCAPS", in.readContent(h, MAX_XATTR_CONTENT, "fcaps"));
                } else if (t == QUOTA_PROJID) {
                    long v = in.readExact(h, 8, "quota project id").getLong(0);
                    projid = once(projid, h, "QUOTA_PROJID", v);
                } else {
                    return h;
                }
            }
        }

        private boolean isMetadata(long t) {
            return t == XATTR || t == ACL_USER || t == ACL_GROUP || t == ACL_GROUP_OBJ || t == ACL_DEFAULT
                    || t == ACL_DEFAULT_USER || t == ACL_DEFAULT_GROUP || t == FCAPS || t == QUOTA_PROJID;
        }

        Acl acl() {
            return new Acl(users, groups, groupObj, defaultAcl, defaultUsers, defaultGroups);
        }

        private <T> T once(T previous, Header h, String what, T value) {
            if (previous != null) {
                throw in.corrupt(h.offset(), "duplicate " + what + " item");
            }
            return value;
        }

        private Xattr xattr(Header h) throws IOException {
            byte[] raw = in.readContent(h, MAX_XATTR_CONTENT, "xattr");
            int nul = Xattr.indexOfNul(raw);
            if (nul <= 0 || nul > MAX_XATTR_NAME_BYTES || raw.length - nul - 1 > MAX_XATTR_VALUE_BYTES) {
                throw in.corrupt(h.offset(), "malformed xattr item");
            }
            return new Xattr(Arrays.copyOf(raw, nul), Arrays.copyOfRange(raw, nul + 1, raw.length));
        }
    }
}
