package dev.keystone.consumers.audit;

import dev.keystone.platform.problem.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code GET /consumers/audit?aggregateId=&aggregateType=}: one aggregate's history. */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  @Inject AuditLog log;

  @GET
  public Response forAggregate(
      @QueryParam("aggregateId") String aggregateId,
      @QueryParam("aggregateType") String aggregateType) {
    if (aggregateId == null || aggregateId.isBlank() || aggregateId.length() > 100) {
      return Problem.badRequest(
          "The query parameter aggregateId is required (at most 100 characters).");
    }
    List<AuditEntry> entries = log.forAggregate(aggregateType, aggregateId);
    return Response.ok(entries).build();
  }
}
