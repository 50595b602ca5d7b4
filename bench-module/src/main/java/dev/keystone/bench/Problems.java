package dev.keystone.bench;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Every error of the bench endpoints as application/problem+json: JAX-RS's own answers (404, 405,
 * 415) keep their status, a body JSON-B cannot read is a 400, anything else is a 500. A body that
 * breaks the rules is answered 400 by the resource itself.
 */
public class Problems implements ExceptionMapper<Exception> {

  @Override
  public Response toResponse(Exception e) {
    if (e instanceof WebApplicationException web) {
      return of(web.getResponse().getStatus());
    }
    return of(unreadableBody(e) ? 400 : 500);
  }

  /** A body that is not JSON, or not a product's JSON, fails in JSON-B while JAX-RS reads it. */
  private static boolean unreadableBody(Throwable e) {
    for (var cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonbException || cause instanceof JsonException) {
        return true;
      }
    }
    return false;
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
