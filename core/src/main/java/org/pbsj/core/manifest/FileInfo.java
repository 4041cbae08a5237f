package org.pbsj.core.manifest;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.pbsj.core.crypto.CryptMode;
import org.pbsj.core.index.ArchiveType;

/**
 * One archive entry of a manifest ({@code manifest.md} §2.1-2.2).
 *
 * @param filename  archive name (a safe id; see {@link ArchiveNames})
 * @param cryptMode crypt mode of the backup run
 * @param size      unsigned 64-bit: encoded blob length, or logical size of an index
 * @param csum      32 bytes: SHA-256 of the blob file, or the index checksum
 */
public record FileInfo(String filename, CryptMode cryptMode, long size, byte[] csum) {
    public static final int CSUM_SIZE = 32;

    public FileInfo {
        Objects.requireNonNull(cryptMode, "cryptMode");
        // the server opens files by these names, so refuse anything that could leave the directory
        if (!ArchiveNames.isSafeId(filename)) {
            throw new InvalidArchiveNameException(filename, "archive name is not a safe id");
        }
        if (csum == null || csum.length != CSUM_SIZE) {
            throw new IllegalArgumentException("csum must be 32 bytes");
        }
        csum = csum.clone();
    }

    @Override
    public byte[] csum() {
        return csum.clone();
    }

    public String csumHex() {
        return HexFormat.of().formatHex(csum);
    }

    /** @throws org.pbsj.core.error.UnsupportedFormatException for a name without a known type */
    public ArchiveType archiveType() {
        return ArchiveType.fromFileName(filename);
    }

    /** Whether the chunks of this archive are encrypted (only in mode {@code encrypt}). */
    public boolean chunksEncrypted() {
        return cryptMode == CryptMode.ENCRYPT;
    }

    public boolean csumEquals(byte[] other) {
        return Arrays.equals(csum, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileInfo f && filename.equals(f.filename) && cryptMode == f.cryptMode
                && size == f.size && Arrays.equals(csum, f.csum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, cryptMode, size, Arrays.hashCode(csum));
    }

    @Override
    public String toString() {
        return "FileInfo[" + filename + ", " + cryptMode + ", size=" + Long.toUnsignedString(size)
                + ", csum=" + csumHex() + "]";
    }
}
