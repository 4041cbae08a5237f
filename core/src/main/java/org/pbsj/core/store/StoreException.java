package org.pbsj.core.store;

import java.nio.file.Path;

/**
 * A storage operation was refused or failed for a reason that is not a plain I/O error
 * (those are {@link java.io.UncheckedIOException}): conflicting chunk contents, an object that
 * is not a regular file, a refused removal. Names the path concerned.
 */
public class StoreException extends RuntimeException {
    private final transient Path path;

    public StoreException(Path path, String message) {
        this(path, message, null);
    }

    public StoreException(Path path, String message, Throwable cause) {
        super(path == null ? message : path + ": " + message, cause);
        this.path = path;
    }

    /** The file or directory concerned; may be null. */
    public Path path() {
        return path;
    }
}
