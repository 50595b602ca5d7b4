package dev.keystone.web.ops;

import dev.keystone.outbox.StuckRows;
import dev.keystone.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The outbox library refused a retry or a skip: an unknown row is a 404, a blank reason a 400, a
 * row in the wrong state (not stuck, published, skipped, being sent) a 409 naming the state.
 */
@Provider
public class StuckRowRefusedMapper implements ExceptionMapper<StuckRows.Refused> {

  @Override
  public Response toResponse(StuckRows.Refused e) {
    var problem =
        switch (e.refusal()) {
          case UNKNOWN_ROW ->
              Problem.of(404, "outbox-row-unknown", "Unknown outbox row", e.getMessage());
          case INVALID_REASON ->
              Problem.of(400, "invalid-request", "Invalid request", e.getMessage());
          case NOT_STUCK ->
              Problem.of(409, "outbox-row-not-stuck", "Outbox row not stuck", e.getMessage());
          case ALREADY_PUBLISHED ->
              Problem.of(409, "outbox-row-published", "Outbox row published", e.getMessage());
          case ALREADY_SKIPPED ->
              Problem.of(409, "outbox-row-skipped", "Outbox row skipped", e.getMessage());
          case BUSY -> Problem.of(409, "outbox-row-busy", "Outbox row being sent", e.getMessage());
        };
    return problem.toResponse();
  }
}
