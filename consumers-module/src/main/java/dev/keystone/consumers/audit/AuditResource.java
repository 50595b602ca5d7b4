package dev.keystone.consumers.audit;

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
      return Response.status(400)
          .type("application/problem+json")
          .entity(
              new Problem(
                  "https://keystone.dev/problems/invalid-request",
                  "Invalid request",
                  400,
                  "The query parameter aggregateId is required (at most 100 characters)."))
          .build();
    }
    List<AuditEntry> entries = log.forAggregate(aggregateType, aggregateId);
    return Response.ok(entries).build();
  }

  /** RFC 9457 problem document of the consumers' API. */
  public record Problem(String type, String title, int status, String detail) {}
}
