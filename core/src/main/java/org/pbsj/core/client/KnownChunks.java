package org.pbsj.core.client;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's view of which chunks the session already has: the chunks of the previous
 * snapshot's indexes (downloaded with {@code GET /previous}, hence known to the server too) and
 * every chunk uploaded so far. A chunk being uploaded right now is "claimed": a second stream
 * position with the same content waits for that upload instead of encoding it again, so that
 * its append cannot reach the server before the chunk does.
 */
final class KnownChunks {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ConcurrentHashMap<Key, CompletableFuture<Void>> chunks = new ConcurrentHashMap<>();

    /** The result of {@link #claim}: either this caller uploads, or it waits for {@code uploaded}. */
    record Claim(boolean owner, CompletableFuture<Void> uploaded) {
    }

    /** Registers a chunk the server already counts as known (from a previous index). */
    void addKnown(byte[] digest) {
        chunks.putIfAbsent(new Key(digest), DONE);
    }

    boolean isKnown(byte[] digest) {
        return chunks.containsKey(new Key(digest));
    }

    /**
     * Claims {@code digest} for upload. The owner must complete {@code uploaded} (normally or
     * exceptionally) once the upload is over.
     */
    Claim claim(byte[] digest) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> existing = chunks.putIfAbsent(new Key(digest), mine);
        return existing == null ? new Claim(true, mine) : new Claim(false, existing);
    }

    int size() {
        return chunks.size();
    }

    /** A digest usable as a map key. */
    private record Key(byte[] digest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(digest, k.digest);
        }

        @Override
        public int hashCode() {
            // digests are uniformly distributed: the first bytes are a good hash
            return (digest[0] & 0xff) | (digest[1] & 0xff) << 8 | (digest[2] & 0xff) << 16 | digest[3] << 24;
        }
    }
}
