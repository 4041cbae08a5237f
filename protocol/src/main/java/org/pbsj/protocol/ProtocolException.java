package org.pbsj.protocol;

/** An error answer of a protocol session (status and the server's text), or a connection failure (status 0). */
public class ProtocolException extends RuntimeException {
    private final int status;

    public ProtocolException(int status, String message) {
        super(status == 0 ? message : message + " (HTTP " + status + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
