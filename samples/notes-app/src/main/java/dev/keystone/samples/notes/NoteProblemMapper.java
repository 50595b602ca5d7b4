package dev.keystone.samples.notes;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The notes' refusals as {@code application/problem+json}. */
@Provider
public class NoteProblemMapper implements ExceptionMapper<NoteProblem> {

  @Override
  public Response toResponse(NoteProblem e) {
    return e.problem().toResponse();
  }
}
