package org.pbsj.core.pxar.fs;

import java.io.IOException;

import org.pbsj.core.index.IndexFile;
import org.pbsj.core.pxar.PxarAccessor;

/**
 * Change detection mode "metadata" (pxar-format.md §9.3): the previous snapshot's split archive
 * of the same name, and the means to copy whole chunks of its payload stream into the payload
 * stream being written. Supplied by the backup client, which owns the chunk streams; used by
 * {@link PxarArchiver} through its lookahead cache.
 */
public interface PayloadReuse {

    /** Random access to the previous {@code .mpxar} (the metadata stream). */
    PxarAccessor previousMetadata();

    /** The previous {@code .ppxar} index: the chunk boundaries that can be reused. */
    IndexFile previousPayloadIndex();

    /**
     * Appends chunks {@code first..last} of the previous payload stream to the new one. The
     * encoder has been flushed and its payload stream stands at {@code position}; bytes not yet
     * cut into a chunk end their chunk first. Returns the new stream offset of the first byte of
     * chunk {@code first}, which may lie before {@code position} when the pending bytes were
     * identical to the start of chunk {@code first} and were dropped (the payload start marker).
     */
    long inject(int first, int last, long position) throws IOException;
}
