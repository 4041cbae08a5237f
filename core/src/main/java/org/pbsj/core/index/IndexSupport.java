package org.pbsj.core.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.UnsupportedFormatException;

/** Header layout and file handling shared by the two index formats ({@code index-formats.md}). */
final class IndexSupport {
    static final int HEADER_SIZE = 4096;
    static final int MAGIC_SIZE = 8;
    static final int UUID_OFFSET = 8;
    static final int CTIME_OFFSET = 24;
    static final int CSUM_OFFSET = 32;
    static final int DIGEST_SIZE = 32;

    private IndexSupport() {
    }

    /** Maps the whole file read-only; the channel is closed again (the mapping stays valid). */
    static ByteBuffer map(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_SIZE) {
                throw new CorruptDataException(path.toString(), size,
                        "truncated header: file has " + size + " bytes, an index header needs " + HEADER_SIZE);
            }
            if (size > Integer.MAX_VALUE) {
                throw new UnsupportedFormatException(path.toString(), 0,
                        "index file of " + size + " bytes is larger than 2 GiB");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Checks length and magic of a header at position 0; returns a little-endian duplicate. */
    static ByteBuffer checkHeader(ByteBuffer buf, String source, byte[] magic, String what) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(0);
        if (b.limit() < HEADER_SIZE) {
            throw new CorruptDataException(source, b.limit(),
                    "truncated header: " + b.limit() + " bytes, an index header needs " + HEADER_SIZE);
        }
        if (!hasMagic(b, magic)) {
            byte[] got = new byte[MAGIC_SIZE];
            b.get(0, got);
            throw new CorruptDataException(source, 0,
                    "bad magic " + HexFormat.of().formatHex(got) + ", not a " + what);
        }
        return b;
    }

    static boolean hasMagic(ByteBuffer b, byte[] magic) {
        if (b.limit() < MAGIC_SIZE) {
            return false;
        }
        for (int i = 0; i < MAGIC_SIZE; i++) {
            if (b.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static UUID uuid(ByteBuffer b) {
        // UUID bytes are stored in RFC 4122 (big-endian) order, like Rust's Uuid::as_bytes.
        return new UUID(Long.reverseBytes(b.getLong(UUID_OFFSET)), Long.reverseBytes(b.getLong(UUID_OFFSET + 8)));
    }

    static byte[] bytes(ByteBuffer b, int offset, int len) {
        byte[] out = new byte[len];
        b.get(offset, out);
        return out;
    }

    static byte[] sha256(ByteBuffer b, int offset, int len) {
        MessageDigest md = CryptConfig.sha256Digest();
        md.update(b.slice(offset, len));
        return md.digest();
    }

    /** A zeroed header with magic, uuid and ctime; csum and format fields are set by the caller. */
    static ByteBuffer newHeader(byte[] magic, UUID uuid, long ctime) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, magic);
        h.putLong(UUID_OFFSET, Long.reverseBytes(uuid.getMostSignificantBits()));
        h.putLong(UUID_OFFSET + 8, Long.reverseBytes(uuid.getLeastSignificantBits()));
        h.putLong(CTIME_OFFSET, ctime);
        return h;
    }

    /**
     * The writer's temp file: the target with its last extension replaced
     * ({@code datastore-layout.md} §9.2, Rust {@code set_extension} semantics), e.g.
     * {@code root.pxar.didx} becomes {@code root.pxar.tmp_didx}.
     */
    static Path tempPath(Path target, String tmpExtension) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return target.resolveSibling(stem + "." + tmpExtension);
    }

    static void writeFully(FileChannel ch, ByteBuffer src, long position) throws IOException {
        long pos = position;
        while (src.hasRemaining()) {
            pos += ch.write(src, pos);
        }
    }

    /** Puts csum into the header, optionally syncs, closes and renames temp to target. */
    static void commit(FileChannel ch, Path temp, Path target, byte[] csum, boolean fsync) throws IOException {
        writeFully(ch, ByteBuffer.wrap(csum), CSUM_OFFSET);
        if (fsync) {
            ch.force(true);
        }
        ch.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void discard(FileChannel ch, Path temp) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the temp file is deleted anyway; nothing more to save
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // leftover *.tmp_?idx files are ignored by GC and overwritten by the next writer
        }
    }

    static void checkDigest(byte[] digest) {
        if (digest == null || digest.length != DIGEST_SIZE) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
    }
}
