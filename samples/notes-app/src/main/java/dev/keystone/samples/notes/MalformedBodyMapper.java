package dev.keystone.samples.notes;

import dev.keystone.platform.problem.Problem;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not the JSON a note expects: 400 as a problem, never the runtime's 500. */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    return Problem.of(400, "malformed-body", "Malformed request body", e.getMessage()).toResponse();
  }
}
