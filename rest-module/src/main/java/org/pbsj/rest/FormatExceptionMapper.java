package org.pbsj.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.pbsj.core.error.PbsFormatException;

/** Damaged or unsupported data found while serving a request: 400 with the file and offset. */
@Provider
public class FormatExceptionMapper implements ExceptionMapper<PbsFormatException> {
    @Override
    public Response toResponse(PbsFormatException e) {
        return Envelope.error(400, e.getMessage());
    }
}
