package org.pbsj.core.backup;

/**
 * A request of a backup or reader session that the protocol refuses, with PBS's message text.
 * {@code status} is the HTTP status the server answers with (400 unless the spec says otherwise).
 */
public class BackupProtocolException extends RuntimeException {
    private final int status;

    public BackupProtocolException(String message) {
        this(400, message);
    }

    public BackupProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    public BackupProtocolException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
