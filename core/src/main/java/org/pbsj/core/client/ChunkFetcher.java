package org.pbsj.core.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.index.IndexFile;
import org.pbsj.core.manifest.FileInfo;

/**
 * Loads and decodes the chunks of one archive on worker threads: CRC, the crypt mode the
 * manifest promises, decryption, digest and size ({@code index-formats.md} §3).
 */
final class ChunkFetcher {
    private final RestoreSource source;
    private final IndexFile index;
    private final boolean encrypted;
    private final CryptConfig crypt;
    private final ExecutorService workers;

    ChunkFetcher(RestoreSource source, IndexFile index, FileInfo info, CryptConfig crypt, ExecutorService workers) {
        this.source = source;
        this.index = index;
        this.encrypted = info.chunksEncrypted();
        if (encrypted && crypt == null) {
            throw new ClientException("archive " + info.filename() + " is encrypted - a key is needed (--keyfile)");
        }
        this.crypt = encrypted ? crypt : null;
        this.workers = workers;
    }

    /** The digest an all-zero 4 MiB chunk of this archive has (keyed when encrypted). */
    byte[] zeroChunkDigest() {
        return org.pbsj.core.blob.ChunkDigest.of(new byte[ImageUpload.CHUNK_SIZE], crypt);
    }

    IndexFile index() {
        return index;
    }

    CompletableFuture<byte[]> fetch(int i) {
        return CompletableFuture.supplyAsync(() -> decode(i), workers);
    }

    /** Chunk {@code i}, checked and decoded. */
    byte[] decode(int i) {
        byte[] digest = index.digest(i);
        String name = "chunk " + org.pbsj.core.blob.ChunkDigest.hex(digest);
        DataBlob blob = DataBlobCodec.load(source.chunk(digest), name);
        if (blob.isEncrypted() != encrypted) {
            throw new ClientException(name + " has crypt mode " + blob.cryptMode().jsonName()
                    + ", but the archive's is " + (encrypted ? "encrypt" : "none"));
        }
        int size = (int) (index.chunkEnd(i) - index.chunkStart(i));
        return DataBlobCodec.decodeChunk(blob, crypt, digest, size);
    }
}
