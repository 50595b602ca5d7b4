package dev.keystone.web.problem;

import dev.keystone.domain.shared.DomainException;
import dev.keystone.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A business rule said no: its status and message, as the exception states them. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

  @Override
  public Response toResponse(DomainException e) {
    return Problem.of(e.status(), e.type(), e.title(), e.getMessage()).toResponse();
  }
}
