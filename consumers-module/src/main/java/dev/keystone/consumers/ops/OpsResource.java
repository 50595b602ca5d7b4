package dev.keystone.consumers.ops;

import dev.keystone.consumers.schema.ConsumerSchema;
import dev.keystone.platform.problem.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;

/**
 * {@code GET /consumers/ops/summary}: the architecture's Consumer Applications box as the ops page
 * shows it — lag per consumer group, parked and dead-lettered messages. A broker outage does not
 * fail it: the last lag figures come back with {@code kafkaError} set.
 */
@Path("/ops")
@RequestScoped
public class OpsResource {

  @Inject GroupLags lags;
  @Inject ParkedCounts parked;
  @Inject ConsumerSchema schema;

  @GET
  @Path("summary")
  @Produces(MediaType.APPLICATION_JSON)
  public Response summary() {
    ParkedCounts.Counts counts;
    try {
      schema.ensureMigrated();
      counts = parked.read();
    } catch (SQLException | RuntimeException e) {
      // the database is away: an operator's page must say so, not fail with a 500
      return Problem.of(
              503,
              "unavailable",
              "Service unavailable",
              "The consumers' database does not answer: " + e.getClass().getSimpleName())
          .toResponse();
    }
    var snapshot = lags.read();
    var noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(
            new ConsumersSummary(
                Instant.now(),
                snapshot.groups(),
                snapshot.error(),
                counts.parked(),
                counts.deadLettered()))
        .cacheControl(noStore)
        .build();
  }
}
