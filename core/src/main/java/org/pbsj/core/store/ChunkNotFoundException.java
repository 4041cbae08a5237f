package org.pbsj.core.store;

import java.nio.file.Path;

/** The chunk asked for is not in the store. */
public class ChunkNotFoundException extends StoreException {
    private final String digestHex;

    public ChunkNotFoundException(Path path, String digestHex) {
        super(path, "chunk " + digestHex + " does not exist");
        this.digestHex = digestHex;
    }

    public String digestHex() {
        return digestHex;
    }
}
