package org.pbsj.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pbsj.core.client.ClientException;
import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.index.IndexFile;

/**
 * The archive byte stream of an index, read chunk by chunk from a local {@code .chunks}
 * directory ({@code index-formats.md} §3): each chunk is CRC-checked, decrypted if needed,
 * digest- and size-checked before its bytes are handed out. One chunk in memory at a time.
 */
final class ArchiveInputStream extends InputStream {
    private final IndexFile index;
    private final Path chunkDir;
    private final CryptConfig key;
    private int next;
    private byte[] chunk = new byte[0];
    private int pos;

    ArchiveInputStream(IndexFile index, Path chunkDir, CryptConfig key) {
        this.index = index;
        this.chunkDir = chunkDir;
        this.key = key;
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= chunk.length) {
            if (next >= index.count()) {
                return -1;
            }
            chunk = load(next++);
            pos = 0;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // whole chunks are still loaded: the digest check needs their content anyway
        long skipped = 0;
        byte[] buf = new byte[8192];
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    private byte[] load(int i) throws IOException {
        long length = index.chunkLength(i);
        if (length <= 0 || length > DataBlobCodec.MAX_BLOB_SIZE) {
            throw new CorruptDataException(index.source(), -1, "chunk " + i + " has an impossible length " + length);
        }
        byte[] digest = index.digest(i);
        Path file = DebugMain.chunkPath(chunkDir, digest);
        if (!Files.isRegularFile(file)) {
            throw new ClientException("chunk " + i + " (" + DebugMain.hex(digest) + ") of " + index.source()
                    + " at archive offset " + index.chunkStart(i) + " is missing: " + file);
        }
        DataBlob blob = DataBlobCodec.load(InspectCommands.readBlob(file), file.toString());
        if (blob.isEncrypted() && key == null) {
            throw new ClientException(index.source() + " has encrypted chunks: --keyfile is needed");
        }
        return DataBlobCodec.decodeChunk(blob, key, digest, (int) length);
    }
}
