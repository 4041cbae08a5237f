package org.pbsj.core.sync;

/** A pull of a namespace, group or snapshot failed (the job goes on with the next one). */
public class SyncException extends RuntimeException {
    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
