package dev.keystone.bench;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every error of the bench endpoints as application/problem+json: a body that breaks the rules is a
 * 400, JAX-RS's own answers (404, 405, 415, a malformed body's 400) keep their status, anything
 * else is a 500.
 */
@Provider
public class Problems implements ExceptionMapper<RuntimeException> {

  @Override
  public Response toResponse(RuntimeException e) {
    int status = 500;
    if (e instanceof ConstraintViolationException) {
      status = 400;
    } else if (e instanceof WebApplicationException web) {
      status = web.getResponse().getStatus();
    }
    return of(status);
  }

  static Response of(int status) {
    var title = Response.Status.fromStatusCode(status);
    return Response.status(status)
        .type("application/problem+json")
        .entity(
            "{\"title\":\"%s\",\"status\":%d}"
                .formatted(title == null ? "Error" : title.getReasonPhrase(), status))
        .build();
  }
}
