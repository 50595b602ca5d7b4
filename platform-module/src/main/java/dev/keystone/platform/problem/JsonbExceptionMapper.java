package dev.keystone.platform.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not the JSON we expect: malformed, a wrong type, or an unknown field. */
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
