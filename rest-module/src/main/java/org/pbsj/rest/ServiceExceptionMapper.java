package org.pbsj.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.pbsj.server.application.ServiceException;

/**
 * Business errors become PBS error answers: the status of the error kind and the message as
 * plain text. Authentication failures are delayed (PBS: ~3 s) to slow down password guessing,
 * permission failures a little (~0.5 s).
 */
@Provider
public class ServiceExceptionMapper implements ExceptionMapper<ServiceException> {
    static final long AUTH_DELAY_MS = Long.getLong("pbsj.auth-failure-delay-ms", 3000);
    static final long PERM_DELAY_MS = Long.getLong("pbsj.permission-failure-delay-ms", 500);

    @Override
    public Response toResponse(ServiceException e) {
        delayFor(e);
        return Envelope.error(e.kind().httpStatus, e.getMessage());
    }

    static void delayFor(ServiceException e) {
        if (e.kind() == ServiceException.Kind.UNAUTHORIZED) {
            pause(AUTH_DELAY_MS);
        } else if (e.kind() == ServiceException.Kind.FORBIDDEN) {
            pause(PERM_DELAY_MS);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
