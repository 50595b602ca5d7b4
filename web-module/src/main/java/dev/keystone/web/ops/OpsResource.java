package dev.keystone.web.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/ops/summary}: the figures behind the ops page ({@code /ops/}), for the admin role
 * only, as the gateway's route table says (401/403 problem+json otherwise). Part of the
 * architecture's Application Service box seen from outside: it reports, it changes nothing.
 */
@Path("/ops")
@ApplicationScoped
public class OpsResource {

  @Inject OpsFigures figures;

  @GET
  @Path("summary")
  @Produces(MediaType.APPLICATION_JSON)
  public Response summary() {
    var noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(figures.summary()).cacheControl(noStore).build();
  }
}
