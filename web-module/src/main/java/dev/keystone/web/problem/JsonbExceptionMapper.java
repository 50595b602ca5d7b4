package dev.keystone.web.problem;

import dev.keystone.platform.problem.Problem;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not the JSON we expect: malformed, a wrong type, or an unknown field. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    var tooLarge = PayloadTooLarge.in(e);
    if (tooLarge != null) {
      return tooLarge.toResponse();
    }
    return Problem.of(400, "malformed-body", "Malformed request body", e.getMessage()).toResponse();
  }
}
