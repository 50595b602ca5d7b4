package dev.keystone.consumers.admin;

import dev.keystone.consumerkit.Rebuild;
import dev.keystone.consumerkit.Rebuilds;
import dev.keystone.consumerkit.Rebuilds.Refused;
import dev.keystone.platform.problem.Problem;
import dev.keystone.platform.token.TokenAuthority;
import dev.keystone.platform.token.TokenRefused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Rebuilding a consumer from the log in one action (docs/consumers.md, "Rebuilding a consumer"):
 *
 * <ul>
 *   <li>{@code POST /consumers/admin/rebuilds} {@code {"consumer":"analytics"}} closes the
 *       consumer's gate on every server, and this server starts the rebuild: 202 with the rebuild
 *       as recorded (who, when); 404 for an unknown consumer, 409 while one is running, 409 for
 *       {@code email} without {@code "suppressMail":true};
 *   <li>{@code GET /consumers/admin/rebuilds/{consumer}} its latest rebuild: state ({@code
 *       requested}, {@code running}, {@code done}), by whom, when, records read and the lag left.
 * </ul>
 */
@Path("/admin/rebuilds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

  @Inject Rebuilds rebuilds;
  @Inject TokenAuthority authority;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Rebuild a consumer from the log",
      description =
          "Holds the consumer's live deliveries on every server, empties its projection, dedup"
              + " rows, versions and parked messages in one transaction, re-reads its topics from"
              + " the earliest offset, applies the held deliveries and opens again.")
  @APIResponse(
      responseCode = "202",
      description = "Requested and started; poll GET /consumers/admin/rebuilds/{consumer}",
      content = @Content(schema = @Schema(implementation = Rebuild.class)))
  @APIResponse(
      responseCode = "400",
      description = "consumer missing",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "no such rebuildable consumer",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "a rebuild of it is running, or email without suppressMail",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response request(
      // described here, not by scanning the record: the document showed this WAR's records as
      // bare objects without their properties
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema =
                          @Schema(
                              type = SchemaType.OBJECT,
                              requiredProperties = "consumer",
                              properties = {
                                @SchemaProperty(
                                    name = "consumer",
                                    type = SchemaType.STRING,
                                    description = "analytics, audit or email"),
                                @SchemaProperty(
                                    name = "suppressMail",
                                    type = SchemaType.BOOLEAN,
                                    description = "required (true) for email: nothing is sent")
                              })))
          RebuildRequest body,
      @Context HttpHeaders headers)
      throws SQLException {
    if (body == null || body.consumer() == null || body.consumer().isBlank()) {
      return Problem.badRequest("consumer is required, e.g. {\"consumer\":\"analytics\"}");
    }
    // the caller passed AdminOnly with this very token; its subject is who asked
    String by;
    try {
      by = authority.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION)).subject();
    } catch (TokenRefused e) {
      return e.toResponse(); // cannot happen behind AdminOnly; answered alike if it did
    }
    try {
      var rebuild = rebuilds.request(body.consumer(), by, Boolean.TRUE.equals(body.suppressMail()));
      return Response.accepted(rebuild)
          .location(URI.create("/consumers/admin/rebuilds/" + rebuild.consumer()))
          .build();
    } catch (Refused e) {
      return switch (e.refusal()) {
        case UNKNOWN_CONSUMER ->
            Problem.of(404, "consumer-unknown", "Unknown consumer", e.getMessage()).toResponse();
        case ALREADY_ACTIVE ->
            Problem.of(409, "rebuild-running", "Rebuild running", e.getMessage()).toResponse();
        case LEAVES_THE_SYSTEM ->
            Problem.of(
                    409, "rebuild-needs-mail-suppressed", "Mail must be suppressed", e.getMessage())
                .toResponse();
      };
    }
  }

  @GET
  @Path("/{consumer}")
  @Operation(summary = "The latest rebuild of a consumer: state, by whom, when, lag")
  @APIResponse(
      responseCode = "200",
      description = "requested, running or done",
      content = @Content(schema = @Schema(implementation = Rebuild.class)))
  @APIResponse(
      responseCode = "404",
      description = "no such consumer, or never rebuilt",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response latest(@PathParam("consumer") String consumer) throws SQLException {
    if (rebuilds.rebuildable(consumer).isEmpty()) {
      return Problem.of(
              404,
              "consumer-unknown",
              "Unknown consumer",
              "No consumer named " + consumer + " can be rebuilt from the log")
          .toResponse();
    }
    var noStore = new CacheControl();
    noStore.setNoStore(true);
    var latest = rebuilds.latest(consumer);
    return latest.isPresent()
        ? Response.ok(latest.get()).cacheControl(noStore).build()
        : Problem.of(404, "rebuild-unknown", "No rebuild", consumer + " was never rebuilt")
            .toResponse();
  }
}
