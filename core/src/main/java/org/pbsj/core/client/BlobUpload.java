package org.pbsj.core.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.crypto.RandomSource;

/** {@code name.conf:/file} and {@code name.log:/file}: a small file as one blob ({@code <name>.blob}). */
final class BlobUpload {
    /** The server accepts blobs up to 16 MiB + 44 encoded; keep the plain data inside that. */
    static final long MAX_SIZE = 16L * 1024 * 1024;

    private BlobUpload() {
    }

    static ArchiveStats upload(BackupTarget target, CryptConfig crypt, String fileName, Path source) {
        byte[] data;
        try {
            long size = Files.size(source);
            if (size > MAX_SIZE) {
                throw new IllegalArgumentException(source + " is too large for a blob (" + size + " bytes, max "
                        + MAX_SIZE + "); back it up as an image (.img) instead");
            }
            data = Files.readAllBytes(source); // bounded above
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        return upload(target, crypt, fileName, data, true);
    }

    /** Uploads {@code data} as blob {@code fileName}; returns the manifest size (encoded) and SHA-256 of the blob. */
    static ArchiveStats upload(BackupTarget target, CryptConfig crypt, String fileName, byte[] data, boolean compress) {
        ArchiveStats stats = new ArchiveStats(fileName);
        byte[] blob = DataBlobCodec.encode(data, 0, data.length, crypt, compress, RandomSource.secure()).raw();
        target.uploadBlob(fileName, blob);
        stats.blob(data.length, blob.length, CryptConfig.sha256(blob));
        return stats;
    }
}
