package dev.keystone.web.ops;

import dev.keystone.outbox.StuckRows;
import dev.keystone.web.KeystoneApi;
import dev.keystone.web.gateway.auth.CallerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/ops/outbox}: the operator's tools for outbox rows the broker keeps refusing
 * (docs/outbox.md, "Stuck rows"; the runbook in docs/operations.md): list them, retry one now, or
 * skip one with a reason. Admin only (the gateway's route table). A thin adapter to the outbox
 * library's public {@link StuckRows}; the skip is recorded under the token's subject.
 */
@Path("/ops/outbox")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ops")
@APIResponse(responseCode = "401", ref = KeystoneApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = KeystoneApi.FORBIDDEN)
@APIResponse(responseCode = "429", ref = KeystoneApi.TOO_MANY_REQUESTS)
public class OutboxOpsResource {

  /** The most rows one listing shows; its totals count them all. */
  static final int LISTED = 100;

  /** An event id in its canonical form; any other spelling matches nothing (404). */
  private static final String EVENT_ID =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Inject StuckRows stuck;
  @Inject CallerIdentity identity;

  @GET
  @Path("stuck")
  @Operation(
      summary = "Outbox rows the broker keeps refusing",
      description =
          "Rows with at least keystone.outbox.stuck-after-attempts failed sends, oldest first (at"
              + " most 100), with the later versions of their aggregate that wait behind them.")
  @APIResponse(
      responseCode = "200",
      description = "The stuck rows and their totals",
      content = @Content(schema = @Schema(ref = "StuckRows")))
  public Response list() {
    return noStore(Response.ok(stuck.list(LISTED)));
  }

  @POST
  @Path("stuck/{eventId: " + EVENT_ID + "}/retry")
  @Operation(
      summary = "Send a stuck row again now",
      description = "Ends its back-off; the next sweep (within a second) sends it.")
  @APIResponse(
      responseCode = "202",
      description = "Its back-off ended; the row as it is now",
      content = @Content(schema = @Schema(ref = "StuckRow")))
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = KeystoneApi.CONFLICT)
  public Response retry(@PathParam("eventId") String eventId) {
    return noStore(Response.accepted(stuck.retry(UUID.fromString(eventId))));
  }

  @POST
  @Path("stuck/{eventId: " + EVENT_ID + "}/skip")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Give up on a stuck row",
      description =
          "The row is never published; its aggregate's later versions follow in order. The skip"
              + " (who, when, why) is recorded.")
  @APIResponse(
      responseCode = "200",
      description = "The skip as recorded",
      content = @Content(schema = @Schema(ref = "StuckRowSkip")))
  @APIResponse(responseCode = "400", ref = KeystoneApi.BAD_REQUEST)
  @APIResponse(responseCode = "404", ref = KeystoneApi.NOT_FOUND)
  @APIResponse(responseCode = "409", ref = KeystoneApi.CONFLICT)
  @APIResponse(responseCode = "415", ref = KeystoneApi.UNSUPPORTED)
  public Response skip(@PathParam("eventId") String eventId, @NotNull @Valid SkipRequest body) {
    var skip = stuck.skip(UUID.fromString(eventId), identity.caller().subject(), body.reason());
    return noStore(Response.ok(skip));
  }

  private static Response noStore(Response.ResponseBuilder response) {
    var noStore = new CacheControl();
    noStore.setNoStore(true);
    return response.cacheControl(noStore).build();
  }
}
