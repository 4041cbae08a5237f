package org.pbsj.core.client;

/**
 * A failure of the client that is not an answer of the server: connection refused, TLS
 * handshake rejected, unreadable local file, bad configuration. The CLI maps it to exit code 1
 * and prints only its message.
 */
public class ClientException extends RuntimeException {
    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
