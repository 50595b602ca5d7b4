package dev.keystone.web.gateway.auth;

import dev.keystone.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An ownership refusal from {@link CallerIdentity}: 403 problem+json. */
@Provider
public class NotOwnerMapper implements ExceptionMapper<NotOwner> {

  @Override
  public Response toResponse(NotOwner e) {
    return Problem.of(403, "forbidden", "Forbidden", e.getMessage()).toResponse();
  }
}
