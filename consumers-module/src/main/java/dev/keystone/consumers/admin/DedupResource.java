package dev.keystone.consumers.admin;

import dev.keystone.consumerkit.DedupPruner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code POST /consumers/admin/dedup/prune}: prunes the dedup store now, with the configured
 * horizon, instead of waiting for the hourly round of the {@link DedupPruner} (whose Javadoc says
 * why the horizon is safe against Kafka's redelivery). Answers how many rows went and the horizon.
 */
@Path("/admin/dedup")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DedupResource {

  @Inject DedupPruner pruner;

  @POST
  @Path("/prune")
  public Map<String, Long> prune() {
    long pruned = pruner.prune();
    return Map.of("pruned", pruned, "horizonHours", pruner.horizon().toHours());
  }
}
