package org.pbsj.client.http;

import org.pbsj.core.client.ClientException;

/**
 * An error answer of the server ({@code rest-api.md} §1.3): the HTTP status and the plain-text
 * body, which is the server's error message.
 */
public class ApiException extends ClientException {
    private final int status;

    public ApiException(int status, String message) {
        super(message.isBlank() ? "HTTP status " + status : message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isUnauthorized() {
        return status == 401;
    }
}
