package org.pbsj.core.store;

/**
 * Outcome of {@link ChunkStore#insert}: PBS's {@code (was_duplicate, stored_size)}.
 *
 * @param duplicate  true if a usable copy was already stored (it was touched, not rewritten)
 * @param storedSize size in bytes of the file that is now stored
 */
public record InsertResult(boolean duplicate, long storedSize) {
    public boolean inserted() {
        return !duplicate;
    }
}
