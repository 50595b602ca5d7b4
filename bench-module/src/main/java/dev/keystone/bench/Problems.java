package dev.keystone.bench;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Every error of the bench endpoints as application/problem+json: JAX-RS's own answers (404, 405,
 * 415, a malformed body's 400) keep their status, anything else is a 500. A body that breaks the
 * rules is answered 400 by the resource itself.
 */
public class Problems implements ExceptionMapper<Exception> {

  @Override
  public Response toResponse(Exception e) {
    int status = e instanceof WebApplicationException web ? web.getResponse().getStatus() : 500;
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
