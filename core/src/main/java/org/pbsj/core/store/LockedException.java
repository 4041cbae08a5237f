package org.pbsj.core.store;

import java.nio.file.Path;

/**
 * A non-blocking lock (or one with a timeout) could not be taken because someone else holds
 * it: another backup, a reader, GC in another process. Callers that only skip the object (verify)
 * catch this type; everything else reports the message, which says what is locked.
 */
public class LockedException extends StoreException {
    public LockedException(Path path, String message) {
        super(path, message);
    }

    public LockedException(Path path, String message, Throwable cause) {
        super(path, message, cause);
    }
}
