package org.pbsj.rest;

import org.pbsj.server.application.AuthService;
import org.pbsj.server.application.ServiceException;

/** Lets the protocol package reuse the request authentication and the failure delays. */
public final class CredentialsBridge {
    private CredentialsBridge() {
    }

    public static AuthService.Caller authenticate(AuthService auth, String method, String ticketCookie,
            String csrfHeader, String authorizationHeader) {
        return Credentials.authenticate(auth, method, ticketCookie, csrfHeader, authorizationHeader);
    }

    /** The same delays as the JSON API before answering 401 / 403. */
    public static void delayFailure(ServiceException e) {
        ServiceExceptionMapper.delayFor(e);
    }
}
