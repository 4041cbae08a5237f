package org.pbsj.server.application;

import jakarta.ejb.ApplicationException;

/**
 * A business error with the kind of answer it deserves. Marked as an application exception so
 * the container neither wraps it nor logs it as a system failure; the transaction rolls back.
 */
@ApplicationException(rollback = true)
public class ServiceException extends RuntimeException {
    public enum Kind {
        BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), INTERNAL(500);

        public final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    private final Kind kind;

    public ServiceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ServiceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(Kind.BAD_REQUEST, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Kind.NOT_FOUND, message);
    }

    public static ServiceException forbidden() {
        return new ServiceException(Kind.FORBIDDEN, "permission check failed");
    }

    public static ServiceException unauthorized(String message) {
        return new ServiceException(Kind.UNAUTHORIZED, message);
    }
}
